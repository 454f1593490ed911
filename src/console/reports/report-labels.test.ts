// The console keeps its own copy of the official labels (it is built without src/domain); this test
// fails when the copy and the format drift apart.
import { describe, expect, it } from 'vitest';
import * as format from '../../domain/report/report-format.ts';
import * as copy from './report-labels.ts';

const codeAndLabel = (rows: readonly { code: string; label: string }[]) => rows.map(({ code, label }) => ({ code, label }));

describe('the console copy of the report format', () => {
  it('has the same document kinds and columns of table 二', () => {
    expect(codeAndLabel(copy.DOCUMENT_KINDS)).toEqual(codeAndLabel(format.DOCUMENT_KINDS));
    expect(codeAndLabel(copy.DOCUMENT_COLUMNS)).toEqual(codeAndLabel(format.DOCUMENT_COLUMNS));
    expect(copy.TABLE2_CONTENT_HEADER).toBe(format.TABLE2_CONTENT_HEADER);
    const valueRows = copy.SINGLE_VALUE_SUBTABLES.flatMap((t): readonly { code: string; label: string }[] => t.rows);
    expect(codeAndLabel(valueRows)).toEqual([...codeAndLabel(format.DECISION_ROWS), { code: format.FEE_ROW.code, label: format.FEE_ROW.label }]);
    // The first caption, 第二十条第（一）项, heads the documents' subtable.
    expect(copy.SINGLE_VALUE_SUBTABLES.map((t) => t.caption)).toEqual(format.TABLE2_CAPTIONS.slice(1));
  });

  it('has the same columns, groups and 21 outcome rows of table 三', () => {
    expect([...copy.TABLE3_COLUMNS]).toEqual([...format.TABLE3_COLUMNS]);
    expect(copy.TABLE3_COLUMN_LABELS).toEqual(format.TABLE3_COLUMN_LABELS);
    expect(copy.TABLE3_GOUJI_NOTE).toBe(format.TABLE3_GOUJI_NOTE);
    expect([...copy.OUTCOME_GROUPS]).toEqual([...format.OUTCOME_GROUPS]);
    expect(copy.OUTCOMES.map(({ code, group, item, label }) => ({ code, group, item, label }))).toEqual(
      format.OUTCOMES.map(({ code, group, item, label }) => ({ code, group, item, label })),
    );
    expect(copy.OUTCOMES).toHaveLength(21);
  });
});
