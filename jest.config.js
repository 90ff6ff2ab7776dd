// Jest runs the TypeScript sources as native ES modules through ts-jest.
export default {
  preset: 'ts-jest',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  resolver: 'ts-jest-resolver',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', useESM: true }]
  },
  // Unit tests' Loggers print nothing (the built action, run as a child process, prints as usual).
  setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/quiet-logger.ts'],
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/dist/', '/node_modules/'],
  testTimeout: 60000
}
