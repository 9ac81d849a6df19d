// json-server's database for the benchmark: a JavaScript file, so json-server keeps it in memory
// (a .json file would be written back to disk on every write). Empty collections: the benchmark
// seeds them through json-server's own API (POST), as it seeds taskmock.
module.exports = () => ({ schedules: [], taskschedules: [] });
