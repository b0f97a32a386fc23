// PostgreSQL 18 with pgvector, compiled to WebAssembly (PGlite), served on a loopback port for the pgvector contract tests.
// Usage: node serve.mjs <maxConnections>. Prints "READY <port>" once it accepts connections; ends when stdin closes, so it
// never outlives the test process that started it. One backend serves every connection (see feasibility-pglite.md).
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const maxConnections = Number(process.argv[2] ?? '8');
const db = await PGlite.create({ extensions: { vector } });
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
await server.start();
const port = server.getServerConn().split(':').pop();
process.stdout.write(`READY ${port}\n`);

const stop = async () => {
  await server.stop();
  await db.close();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
