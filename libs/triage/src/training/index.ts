export * from './training-set';
export * from './train-department-model';
export * from './train-classifier.use-case';
export * from './corpus';
