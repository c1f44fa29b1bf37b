import { describe, expect, it } from 'vitest';
import {
  splitIntoParts,
  UploadAssembler,
  UPLOAD_PART_CHARS,
} from '../../../lib/messaging/upload-parts';

describe('uploads in parts', () => {
  it('cuts a text into parts under the message limit and puts it back exactly', () => {
    const text = '备份'.repeat(9_000_000); // 18 M characters: over the 64 MiB message limit in UTF-8
    const parts = splitIntoParts(text);
    expect(parts).toHaveLength(3);
    expect(parts.every((p) => p.length <= UPLOAD_PART_CHARS)).toBe(true);
    const assembler = new UploadAssembler();
    const answers = parts.map((part, i) => assembler.add('u1', i, parts.length, part));
    expect(answers.slice(0, -1)).toEqual([null, null]);
    expect(answers.at(-1)).toBe(text);
  });

  it('says the upload was interrupted when its first part is missing (a restarted worker)', () => {
    expect(() => new UploadAssembler().add('u2', 1, 3, 'x')).toThrow(/interrupted.*start it again/);
  });

  it('refuses parts that do not fit the upload', () => {
    const assembler = new UploadAssembler();
    assembler.add('u3', 0, 2, 'a');
    expect(() => assembler.add('u3', 1, 3, 'b')).toThrow(/do not agree/);
    expect(() => assembler.add('u4', 5, 2, 'b')).toThrow(/not a part/);
  });
});
