// Runs dynalite on a free loopback port and prints that port: in memory, or, given a directory as its
// one argument, kept in LevelDB there (so the table survives a restart).
// It exits when its stdin closes: the JVM that started it holds the other end, so when that JVM ends,
// however it ends, this process ends too and no orphan is left behind.
'use strict';
const dynalite = require('dynalite');

const path = process.argv[2];
// Zero delays: otherwise each table stays CREATING for a while and the SDK's waiter stalls ~20 s.
const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', (err) => {
  if (err) {
    console.error(err.message);
    process.exit(1);
  }
  console.log('dynalite-port=' + server.address().port);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
