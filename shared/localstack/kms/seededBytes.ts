import { keccak256, toUtf8Bytes } from 'ethers';

export function seededBytes(seed: string): (label: string) => Uint8Array {
  let counter = 0;
  return (label) => {
    counter += 1;
    return Uint8Array.from(
      Buffer.from(keccak256(toUtf8Bytes(`${seed}:${label}:${counter}`)).slice(2), 'hex'),
    );
  };
}
