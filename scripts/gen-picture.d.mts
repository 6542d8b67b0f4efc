/** The committed picture's path, relative to the repository. */
export declare const PICTURE_PATH: string;
/** The README's picture, drawn with the given `evaluate` and `timelineSvg`. */
export declare function readmePicture(fns: {
  evaluate: (declaration: unknown, history: unknown, now: unknown) => unknown;
  timelineSvg: (assessment: never, options: { lang: 'en' }) => string;
}): string;
