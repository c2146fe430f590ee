import { startAnvil } from '../shared/localstack/startAnvil.ts';
import { startDynamoDbLocal } from '../shared/localstack/startDynamoDbLocal.ts';
const a = await startAnvil();
const d = await startDynamoDbLocal();
console.log('ready', a.port, d.port, process.pid);
setInterval(() => {}, 1000);
