export * from './demo-accounts';
export * from './password';
export * from './roles';
export * from './token';
