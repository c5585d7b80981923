/**
 * Hand-made TIFFs for the tests of damaged files: grey 8-bit pages of `side` × `side` pixels, each page's
 * directory pointing to the next, and the last one pointing where `lastNext` says (0 = the chain ends;
 * an earlier page's index = the chain loops back to it).
 */
export function chainedTiff(pageCount: number, side: number, lastNext: number | 'end'): Buffer {
  const tags = (dataOffset: number): [number, number, number][] => [
    [256, 3, side],
    [257, 3, side],
    [258, 3, 8],
    [259, 3, 1],
    [262, 3, 1],
    [273, 4, dataOffset],
    [277, 3, 1],
    [278, 3, side],
    [279, 4, side * side],
  ];
  const ifdSize = 2 + 9 * 12 + 4;
  const pageSize = ifdSize + side * side;
  const buf = Buffer.alloc(8 + pageCount * pageSize);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(8, 4);
  const ifdAt = (page: number) => 8 + page * pageSize;
  for (let page = 0; page < pageCount; page++) {
    const at = ifdAt(page);
    const data = at + ifdSize;
    buf.writeUInt16LE(9, at);
    tags(data).forEach(([tag, type, value], i) => {
      const entry = at + 2 + i * 12;
      buf.writeUInt16LE(tag, entry);
      buf.writeUInt16LE(type, entry + 2);
      buf.writeUInt32LE(1, entry + 4);
      if (type === 3) buf.writeUInt16LE(value, entry + 8);
      else buf.writeUInt32LE(value, entry + 8);
    });
    const last = page === pageCount - 1;
    buf.writeUInt32LE(last ? (lastNext === 'end' ? 0 : ifdAt(lastNext)) : ifdAt(page + 1), at + 2 + 9 * 12);
    buf.fill(255, data, data + side * side);
  }
  return buf;
}
