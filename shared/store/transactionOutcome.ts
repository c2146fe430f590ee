/** What became of a transaction, once known: shared by ledger entries and publications. */
export interface TransactionOutcome {
  /** Hash of the transaction (the mined one once known). */
  readonly txHash?: string;
  readonly blockNumber?: number;
  /** Decimal strings: wei and gas can exceed 2^53. */
  readonly gasUsed?: string;
  readonly effectiveGasPrice?: string;
  /** Decoded revert reason, or why the transaction was dropped. */
  readonly error?: string;
}

export interface SetExpression {
  readonly sets: string[];
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
}

/**
 * `SET` clauses for the defined fields, each through a name placeholder (`error` and `status` are
 * DynamoDB reserved words), added to what the caller already has in `base`.
 */
export function setExpression(fields: Readonly<Record<string, unknown>>, base: SetExpression): SetExpression {
  const sets = [...base.sets];
  const names = { ...base.names };
  const values = { ...base.values };
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    names[`#${name}`] = name;
    sets.push(`#${name} = :${name}`);
    values[`:${name}`] = value;
  }
  return { sets, names, values };
}
