import type { Matrix, Ruling } from './pdf-page-content.ts';
import { applyMatrix, multiplyMatrix, toMatrix } from './pdf-page-content.ts';

/** The operator codes we read; pdfjs's OPS table is passed in so this module stays pure. */
export interface PdfOperatorCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  setStrokeRGBColor: number;
  setFillRGBColor: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

export interface PdfOperatorList {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

// pdfjs 5 path data: a flat list of drawing ops (DrawOPS in pdfjs's shared/util.js).
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUADRATIC_CURVE_TO = 3;
const CLOSE_PATH = 4;

/** Thicker than this, a filled rectangle is a box (four edges); thinner, it is a line. */
const LINE_THICKNESS = 2.5;
/** How far from axis-parallel a segment may be and still count as a ruling. */
const AXIS_TOLERANCE = 0.5;

const STROKES = ['stroke', 'closeStroke', 'fillStroke', 'eoFillStroke', 'closeFillStroke', 'closeEOFillStroke'] as const;
const FILLS = ['fill', 'eoFill'] as const;
const WHITE = '#ffffff';

/**
 * The straight horizontal and vertical lines a page draws — table borders — in viewport
 * space (`viewportTransform` maps PDF user space to it): stroked lines and boxes, and
 * filled rectangles thin enough to be lines. Filled boxes are left out: word processors
 * paint a white (or shaded) box behind every line of text and every cell, and its edges
 * are not borders. So are curves, clips, white strokes and frames around the whole page.
 */
export function collectPdfRulings(operatorList: PdfOperatorList, ops: PdfOperatorCodes, viewportTransform: Matrix, pageWidth: number, pageHeight: number): Ruling[] {
  const strokes = new Set(STROKES.map((name) => ops[name]));
  const fills = new Set(FILLS.map((name) => ops[name]));
  const rulings: Ruling[] = [];
  const stack: GraphicsState[] = [];
  let state: GraphicsState = { ctm: viewportTransform, strokeColor: '#000000', fillColor: '#000000' };
  const count = operatorList.fnArray.length;
  for (let i = 0; i < count; i++) {
    const fn = operatorList.fnArray[i];
    const args = operatorList.argsArray[i];
    if (fn === ops.save) {
      stack.push(state);
    } else if (fn === ops.restore) {
      state = stack.pop() ?? state;
    } else if (fn === ops.transform && isNumberArray(args)) {
      state = { ...state, ctm: multiplyMatrix(state.ctm, toMatrix(args)) };
    } else if (fn === ops.setStrokeRGBColor && Array.isArray(args)) {
      state = { ...state, strokeColor: String(args[0]).toLowerCase() };
    } else if (fn === ops.setFillRGBColor && Array.isArray(args)) {
      state = { ...state, fillColor: String(args[0]).toLowerCase() };
    } else if (fn === ops.paintFormXObjectBegin) {
      stack.push(state);
      const matrix = Array.isArray(args) ? args[0] : undefined;
      if (isNumberArray(matrix)) state = { ...state, ctm: multiplyMatrix(state.ctm, toMatrix(matrix)) };
    } else if (fn === ops.paintFormXObjectEnd) {
      state = stack.pop() ?? state;
    } else if (fn === ops.constructPath && Array.isArray(args)) {
      const [paintOp, pathHolder] = args as [unknown, unknown];
      const data = Array.isArray(pathHolder) ? pathHolder[0] : undefined;
      if (typeof paintOp !== 'number' || !isNumberArray(data)) continue;
      if (strokes.has(paintOp) && state.strokeColor !== WHITE) {
        addPathRulings(data, state.ctm, { pageWidth, pageHeight, linesOnly: false }, rulings);
      } else if (fills.has(paintOp) && state.fillColor !== WHITE) {
        addPathRulings(data, state.ctm, { pageWidth, pageHeight, linesOnly: true }, rulings);
      }
    }
  }
  return rulings;
}

interface GraphicsState {
  ctm: Matrix;
  /** As pdfjs reports colours: '#rrggbb'. */
  strokeColor: string;
  fillColor: string;
}

interface PathOptions {
  pageWidth: number;
  pageHeight: number;
  /** Filled paths: only rectangles thin enough to be lines count. */
  linesOnly: boolean;
}

function isNumberArray(value: unknown): value is ArrayLike<number> {
  return (Array.isArray(value) || ArrayBuffer.isView(value)) && typeof (value as ArrayLike<unknown>)[0] === 'number';
}

function addPathRulings(data: ArrayLike<number>, ctm: Matrix, options: PathOptions, out: Ruling[]): void {
  const subpaths: [number, number][][] = [];
  let current: [number, number][] = [];
  let i = 0;
  while (i < data.length) {
    const op = data[i];
    if (op === MOVE_TO) {
      if (current.length > 0) subpaths.push(current);
      current = [applyMatrix(ctm, data[i + 1] ?? 0, data[i + 2] ?? 0)];
      i += 3;
    } else if (op === LINE_TO) {
      current.push(applyMatrix(ctm, data[i + 1] ?? 0, data[i + 2] ?? 0));
      i += 3;
    } else if (op === CURVE_TO) {
      // A curve breaks the straight run; keep its end point as the new start.
      if (current.length > 0) subpaths.push(current);
      current = [applyMatrix(ctm, data[i + 5] ?? 0, data[i + 6] ?? 0)];
      i += 7;
    } else if (op === QUADRATIC_CURVE_TO) {
      if (current.length > 0) subpaths.push(current);
      current = [applyMatrix(ctm, data[i + 3] ?? 0, data[i + 4] ?? 0)];
      i += 5;
    } else if (op === CLOSE_PATH) {
      const first = current[0];
      if (first && current.length > 1) current.push(first);
      if (current.length > 0) subpaths.push(current);
      current = first ? [first] : [];
      i += 1;
    } else {
      return; // unknown op: the layout of the data is not what we expect, so read nothing more
    }
  }
  if (current.length > 0) subpaths.push(current);
  for (const points of subpaths) addSubpathRulings(points, options, out);
}

function addSubpathRulings(points: [number, number][], { pageWidth, pageHeight, linesOnly }: PathOptions, out: Ruling[]): void {
  if (points.length < 2) return;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const width = maxX - minX;
  const height = maxY - minY;
  // Page backgrounds and frames would enclose all the prose in one "cell".
  if (width > pageWidth * 0.9 && height > pageHeight * 0.5) return;
  if (height <= LINE_THICKNESS && width > height) {
    out.push({ axis: 'horizontal', position: (minY + maxY) / 2, start: minX, end: maxX });
    return;
  }
  if (width <= LINE_THICKNESS && height > width) {
    out.push({ axis: 'vertical', position: (minX + maxX) / 2, start: minY, end: maxY });
    return;
  }
  if (linesOnly) return;
  for (let k = 1; k < points.length; k++) {
    const [x0, y0] = points[k - 1] as [number, number];
    const [x1, y1] = points[k] as [number, number];
    if (Math.abs(y1 - y0) <= AXIS_TOLERANCE && Math.abs(x1 - x0) > AXIS_TOLERANCE) {
      out.push({ axis: 'horizontal', position: (y0 + y1) / 2, start: Math.min(x0, x1), end: Math.max(x0, x1) });
    } else if (Math.abs(x1 - x0) <= AXIS_TOLERANCE && Math.abs(y1 - y0) > AXIS_TOLERANCE) {
      out.push({ axis: 'vertical', position: (x0 + x1) / 2, start: Math.min(y0, y1), end: Math.max(y0, y1) });
    }
  }
}
