// The geometry the layout step works on, in viewport space: x to the right, y DOWN,
// units of PDF points at scale 1, page rotation already applied.

/** One horizontal run of text as pdfjs reports it. */
export interface TextRun {
  text: string;
  x: number;
  /** y of the baseline. */
  baseline: number;
  width: number;
  /** Font size (em height) in points. */
  size: number;
}

/** A drawn horizontal or vertical line segment: a table border or a cell edge. */
export interface Ruling {
  axis: 'horizontal' | 'vertical';
  /** y of a horizontal ruling, x of a vertical one. */
  position: number;
  /** Extent along the ruling (x for horizontal, y for vertical), start <= end. */
  start: number;
  end: number;
}

export interface PdfPageContent {
  width: number;
  height: number;
  runs: TextRun[];
  rulings: Ruling[];
}

/** A 2D affine matrix [a, b, c, d, e, f] as PDF and pdfjs write it. */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY_MATRIX: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 applied after m2 (pdfjs Util.transform): a point p maps to m1(m2(p)). */
export function multiplyMatrix(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

export function applyMatrix(m: Matrix, x: number, y: number): [number, number] {
  return [x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]];
}

export function toMatrix(values: ArrayLike<number>): Matrix {
  return [values[0] ?? 1, values[1] ?? 0, values[2] ?? 0, values[3] ?? 1, values[4] ?? 0, values[5] ?? 0];
}
