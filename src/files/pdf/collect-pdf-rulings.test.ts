import { describe, expect, it } from 'vitest';
import { collectPdfRulings } from './collect-pdf-rulings.ts';
import type { PdfOperatorCodes } from './collect-pdf-rulings.ts';
import type { Matrix, Ruling } from './pdf-page-content.ts';

// Made-up operator codes: the module must use the table it is given, not pdfjs's numbers.
const OPS: PdfOperatorCodes = {
  save: 1,
  restore: 2,
  transform: 3,
  constructPath: 4,
  paintFormXObjectBegin: 5,
  paintFormXObjectEnd: 6,
  setStrokeRGBColor: 7,
  setFillRGBColor: 8,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
};
// pdfjs path data: 0 moveTo x y, 1 lineTo x y, 4 closePath.
const rectangle = (x: number, y: number, w: number, h: number) => new Float32Array([0, x, y, 1, x + w, y, 1, x + w, y + h, 1, x, y + h, 4]);
const path = (paintOp: number, data: Float32Array) => [paintOp, [data], null];

// The viewport of an unrotated A4 page at scale 1: flips y so that it points down.
const VIEWPORT: Matrix = [1, 0, 0, -1, 0, 842];

function collect(ops: [number, unknown][]): Ruling[] {
  const rulings = collectPdfRulings({ fnArray: ops.map(([fn]) => fn), argsArray: ops.map(([, args]) => args) }, OPS, VIEWPORT, 595, 842);
  return rulings.map((r) => ({ ...r, position: Math.round(r.position * 10) / 10, start: Math.round(r.start * 10) / 10, end: Math.round(r.end * 10) / 10 }));
}

describe('collectPdfRulings', () => {
  it('turns a stroked box into its four edges, in viewport space (y down)', () => {
    // PDF user space y = 700..742 -> viewport y = 100..142.
    expect(collect([[OPS.constructPath, path(OPS.stroke, rectangle(75, 700, 100, 42))]])).toEqual([
      { axis: 'horizontal', position: 142, start: 75, end: 175 },
      { axis: 'vertical', position: 175, start: 100, end: 142 },
      { axis: 'horizontal', position: 100, start: 75, end: 175 },
      { axis: 'vertical', position: 75, start: 100, end: 142 },
    ]);
  });

  it('applies the current transform (a Word-style flip) and forgets it after restore', () => {
    const line = new Float32Array([0, 75, 80, 1, 517, 80]);
    expect(
      collect([
        [OPS.save, null],
        [OPS.transform, [1, 0, 0, -1, 0, 842]],
        [OPS.constructPath, path(OPS.stroke, line)],
        [OPS.restore, null],
        [OPS.constructPath, path(OPS.stroke, line)],
      ]),
    ).toEqual([
      { axis: 'horizontal', position: 80, start: 75, end: 517 },
      { axis: 'horizontal', position: 762, start: 75, end: 517 },
    ]);
  });

  it('takes a thin filled rectangle as a line, but not a filled box or anything painted white', () => {
    expect(
      collect([
        [OPS.setFillRGBColor, ['#000000']],
        [OPS.constructPath, path(OPS.fill, rectangle(100, 500, 0.5, 60))], // a border drawn as a fill
        [OPS.constructPath, path(OPS.eoFill, rectangle(74, 600, 444, 27))], // shading behind a line of text
        [OPS.setFillRGBColor, ['#FFFFFF']],
        [OPS.constructPath, path(OPS.fill, rectangle(100, 400, 300, 0.5))],
        [OPS.setStrokeRGBColor, ['#ffffff']],
        [OPS.constructPath, path(OPS.stroke, rectangle(100, 300, 300, 20))],
      ]),
    ).toEqual([{ axis: 'vertical', position: 100.3, start: 282, end: 342 }]);
  });

  it('ignores a frame around the whole page and paths that are not painted', () => {
    expect(
      collect([
        [OPS.constructPath, path(OPS.stroke, rectangle(10, 10, 575, 822))],
        [OPS.constructPath, path(28, rectangle(75, 700, 100, 42))], // endPath: a clip, not a drawing
      ]),
    ).toEqual([]);
  });
});
