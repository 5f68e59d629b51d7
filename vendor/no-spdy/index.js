'use strict';
/* global module */
// restify 11 requires spdy at load time and calls it only for createServer({ spdy: ... }).
module.exports = {
  createServer() {
    throw new Error('spdy is not installed: this bot serves plain HTTP (see package.json "overrides")');
  },
};
