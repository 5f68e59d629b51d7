/* global module */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  reporters: ['default', '<rootDir>/tests/support/summaryReporter.js'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
};
