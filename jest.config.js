// Jest runs the TypeScript sources as native ES modules through ts-jest, in two projects:
// `unit` (everything but __tests__/e2e/) and `e2e` (runs of the built dist/index.js, which first
// checks that the bundle was built from these sources).
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  resolver: 'ts-jest-resolver',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', useESM: true }]
  },
  testPathIgnorePatterns: ['/dist/', '/node_modules/']
}

export default {
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '<rootDir>/__tests__/e2e/'],
      // Unit tests' Loggers print nothing (the built action, run as a child process, prints as usual).
      setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/quiet-logger.ts']
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/__tests__/helpers/fresh-bundle.ts'
    }
  ]
}
