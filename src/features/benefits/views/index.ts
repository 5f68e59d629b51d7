/** The benefits cards' view models: one module per card family, one import path for users. */
export * from './category';
export * from './licence';
export * from './model';
export * from './product';
export * from './summary';
