#!/usr/bin/env python3
"""make_xlsx.py: workbooks for the import tests (t2102, t7012).

  make_xlsx.py fill FORM OUT [ID VALUE DATE NOTE SOURCE]...
      Fill planwatch form's workbook as a department would, with openpyxl:
      in the row of each ID, VALUE (a number is written as a number, other
      text as text), DATE (YYYY-MM-DD written as a date; empty: the form's
      own), NOTE and SOURCE (empty: left).  VALUE may be "=..." for a
      formula.
  make_xlsx.py form OUT ASOF ID...
      A workbook laid out as planwatch-form(1) documents, with openpyxl:
      sheet 填报, the header block, the hidden row of keys (row 7), the
      headings (row 8), one row an ID from row 9 with ASOF in its date
      cell; for when planwatch form is not there to make one.
  make_xlsx.py sheet OUT [--1904] [--shared] [--name NAME] < CELLS
      A workbook written by hand, part by part: one row a line of CELLS,
      cells separated by tabs, each TYPE:TEXT with TYPE n (a number), s (a
      string: inline, or shared with --shared), b (a boolean), e (an error),
      d (an ISO date, t="d"), f (a formula, TEXT its cached value); an
      empty cell is empty.
  make_xlsx.py bomb OUT MIB
      A small workbook whose sheet inflates to MIB MiB (of spaces inside
      the XML), its stated size the truth.
  make_xlsx.py liar OUT MIB
      The same, but its central directory states a small size.
  make_xlsx.py rows OUT N
      A sheet of a header and N rows (a number beside the columns read in
      each), generated as XML and compressed.
  make_xlsx.py broken OUT
      A sheet whose XML is cut off in the middle of a cell.
  make_xlsx.py laughs OUT
      A sheet with a DTD declaring nested entities (billion laughs).
"""
import datetime
import struct
import sys
import zipfile
from xml.sax.saxutils import escape

NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PNS = 'http://schemas.openxmlformats.org/package/2006/relationships'

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<Relationships xmlns="{PNS}">'
    f'<Relationship Id="rId1" Type="{RNS}/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>')
WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<Relationships xmlns="{PNS}">'
    f'<Relationship Id="rId1" Type="{RNS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RNS}/sharedStrings" Target="sharedStrings.xml"/>'
    '</Relationships>')


def workbook(name='Sheet1', d1904=False):
    pr = '<workbookPr date1904="1"/>' if d1904 else '<workbookPr/>'
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<workbook xmlns="{NS}" xmlns:r="{RNS}">{pr}<sheets>'
            f'<sheet name="{escape(name)}" sheetId="1" r:id="rId1"/>'
            '</sheets></workbook>')


def write(out, sheet, shared=(), name='Sheet1', d1904=False,
          compression=zipfile.ZIP_DEFLATED):
    sst = ''.join(f'<si><t xml:space="preserve">{escape(s)}</t></si>'
                  for s in shared)
    with zipfile.ZipFile(out, 'w', compression) as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES)
        z.writestr('_rels/.rels', ROOT_RELS)
        z.writestr('xl/workbook.xml', workbook(name, d1904))
        z.writestr('xl/_rels/workbook.xml.rels', WB_RELS)
        z.writestr('xl/sharedStrings.xml',
                   '<?xml version="1.0" encoding="UTF-8"?>\n'
                   f'<sst xmlns="{NS}" count="{len(shared)}" '
                   f'uniqueCount="{len(shared)}">{sst}</sst>')
        if isinstance(sheet, str):
            z.writestr('xl/worksheets/sheet1.xml', sheet)
        else:
            with z.open('xl/worksheets/sheet1.xml', 'w',
                        force_zip64=True) as f:
                for piece in sheet:
                    f.write(piece.encode())


def col_name(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_xml(rows_xml):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<worksheet xmlns="{NS}"><sheetData>{rows_xml}</sheetData>'
            '</worksheet>')


def cmd_sheet(args):
    out = args[0]
    d1904 = '--1904' in args
    use_shared = '--shared' in args
    name = args[args.index('--name') + 1] if '--name' in args else 'Sheet1'
    shared = []
    rows = []
    for r, line in enumerate(sys.stdin.read().splitlines(), 1):
        cells = []
        for c, cell in enumerate(line.split('\t')):
            if cell == '':
                continue
            typ, _, text = cell.partition(':')
            ref = f'{col_name(c)}{r}'
            t = escape(text)
            if typ == 'n':
                cells.append(f'<c r="{ref}"><v>{t}</v></c>')
            elif typ == 's' and use_shared:
                shared.append(text)
                cells.append(f'<c r="{ref}" t="s"><v>{len(shared) - 1}</v></c>')
            elif typ == 's':
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{t}</t></is></c>')
            elif typ in 'bed':
                cells.append(f'<c r="{ref}" t="{typ}"><v>{t}</v></c>')
            elif typ == 'f':
                cells.append(f'<c r="{ref}"><f>1+1</f><v>{t}</v></c>')
            else:
                sys.exit(f'unknown cell type {typ}')
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    write(out, sheet_xml(''.join(rows)), shared, name, d1904)


def cmd_bomb(args, liar=False):
    out, mib = args[0], int(args[1])
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{NS}"><sheetData>'
    def pieces():
        yield head
        pad = ' ' * (1 << 20)
        for _ in range(mib):
            yield pad
        yield '</sheetData></worksheet>'
    write(out, pieces())
    if liar:
        lie_about_sizes(out)


def lie_about_sizes(path):
    """State 1000 bytes as the sheet's uncompressed size, in its local
    header and in its central directory entry (or in their zip64 extra
    fields, when the size there is 0xffffffff)."""
    data = bytearray(open(path, 'rb').read())
    name = b'xl/worksheets/sheet1.xml'
    # Signature, offset of the name's length, of the name, of the size.
    for sig, nlen, at, usize in ((b'PK\x03\x04', 26, 30, 22),
                                 (b'PK\x01\x02', 28, 46, 24)):
        pos = data.find(sig)
        while pos >= 0:
            n = struct.unpack_from('<H', data, pos + nlen)[0]
            if data[pos + at:pos + at + n] == name:
                if struct.unpack_from('<I', data, pos + usize)[0] == 0xffffffff:
                    struct.pack_into('<Q', data, pos + at + n + 4, 1000)
                else:
                    struct.pack_into('<I', data, pos + usize, 1000)
            pos = data.find(sig, pos + 4)
    open(path, 'wb').write(bytes(data))


def cmd_rows(args):
    out, n = args[0], int(args[1])
    def pieces():
        yield (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{NS}">'
               '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
               '<c r="B1" t="inlineStr"><is><t>date</t></is></c>'
               '<c r="C1" t="inlineStr"><is><t>value</t></is></c></row>')
        for r in range(2, n + 2):
            yield f'<row r="{r}"><c r="D{r}"><v>1</v></c></row>'
        yield '</sheetData></worksheet>'
    write(out, pieces())


def cmd_broken(args):
    xml = sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
                    '<c r="B1" t="inlineStr"><is><t>date</t></is></c>'
                    '<c r="C1" t="inlineStr"><is><t>value</t></is></c></row>'
                    '<row r="2"><c r="A2" t="inlineStr"><is><t>T-x</t></is></c>'
                    '<c r="B2"><v>45930</v></c><c r="C2"><v>5</v>')
    write(args[0], xml[:xml.rindex('</c>') + 4] + '</row><row r="3"><c r="A3"</row>')


def cmd_laughs(args):
    ents = '<!ENTITY a0 "lol">' + ''.join(
        f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           f'<!DOCTYPE worksheet [{ents}]>'
           f'<worksheet xmlns="{NS}"><sheetData><row r="1">'
           '<c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row>'
           '</sheetData></worksheet>')
    write(args[0], xml)


KEYS = ['id', 'name', 'role', 'unit', 'target', 'due', 'latest',
        'latest_date', 'status', 'reason', 'value', 'date', 'note', 'source']
HEADS = ['编号', '名称', '角色', '单位', '目标', '完成时限', '最新值',
         '最新值日期', '状态', '原因', '数值', '日期', '备注', '填报单位']


def cmd_form(args):
    import openpyxl
    out, asof, ids = args[0], args[1], args[2:]
    day = datetime.datetime.strptime(asof, '%Y-%m-%d')
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '填报'
    ws['A1'] = '填报表'
    for r, (label, v) in enumerate([('计划', '计划'), ('填报部门', '部门'),
                                    ('截至日期', day), ('报送截止', day)], 2):
        ws.cell(r, 1).value = label
        ws.cell(r, 2).value = v
    for c, (k, h) in enumerate(zip(KEYS, HEADS), 1):
        ws.cell(7, c).value = k
        ws.cell(8, c).value = h
    ws.row_dimensions[7].hidden = True
    for r, ident in enumerate(ids, 9):
        ws.cell(r, 1).value = ident
        ws.cell(r, 3).value = '牵头'
        ws.cell(r, 12).value = day
        ws.cell(r, 12).number_format = 'yyyy-mm-dd'
    wb.create_sheet('填报说明')['A1'] = '填报说明'
    wb.save(out)


def cmd_fill(args):
    import openpyxl
    src, out, rest = args[0], args[1], args[2:]
    wb = openpyxl.load_workbook(src)
    ws = wb['填报']
    keys = {ws.cell(7, c).value: c for c in range(1, ws.max_column + 1)}
    rows = {ws.cell(r, 1).value: r for r in range(9, ws.max_row + 1)}
    for i in range(0, len(rest), 5):
        ident, value, date, note, source = rest[i:i + 5]
        r = rows[ident]
        if value != '':
            try:
                v = float(value)
                v = int(v) if v.is_integer() and '.' not in value else v
            except ValueError:
                v = value
            ws.cell(r, keys['value']).value = v
        if date != '':
            ws.cell(r, keys['date']).value = datetime.datetime.strptime(
                date, '%Y-%m-%d')
        if note != '':
            ws.cell(r, keys['note']).value = note
        if source != '':
            ws.cell(r, keys['source']).value = source
    wb.save(out)


COMMANDS = {
    'fill': cmd_fill, 'form': cmd_form, 'sheet': cmd_sheet, 'bomb': cmd_bomb,
    'liar': lambda args: cmd_bomb(args, liar=True), 'rows': cmd_rows,
    'broken': cmd_broken, 'laughs': cmd_laughs,
}


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == '__main__':
    main()
