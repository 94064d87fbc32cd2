#!/usr/bin/env python3
"""Writes the hostile import files of issue 12 (items 11 and 14) into a folder.

Nothing big is committed: the zip bombs inflate to 1,1 GB but are written streamed with deflate
(a few MB on disk, a few MB of memory here). Usage: make_hostile.py OUT_DIR [--small]
--small writes only the files under 10 KB (the fuzz seeds).
"""
import os
import struct
import sys
import zipfile
import zlib

HEADER = ["ma_so_bhxh", "so_cccd", "ho_ten", "ngay_sinh", "gioi_tinh", "ma_xa"]
GIB_1_1 = 1_100 * 1024 * 1024
CHUNK = 1 << 20

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                 'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
WORKBOOK = f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} {RNS}><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
           'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
           'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
           '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
SHARED = f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}><si><t>x</t></si></sst>'


def cell(col, row, text):
    return f'<c r="{col}{row}" t="inlineStr"><is><t>{text}</t></is></c>'


def row_xml(r, values):
    return f'<row r="{r}">' + "".join(cell(chr(65 + i), r, v) for i, v in enumerate(values)) + "</row>"


def person(i):
    return [f"{8900000000 + i:010d}", f"{95000000000 + i:012d}", f"Nguyễn Văn {i}", "01/01/1990", "nam", "31813"]


def sheet_rows(n):
    return row_xml(1, HEADER) + "".join(row_xml(i + 2, person(i)) for i in range(n))


def sheet(body):
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{body}</sheetData></worksheet>'


def write_zip(path, parts):
    """parts: name -> str, or a callable writing to a stream (for the 1,1 GB parts)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, content in parts.items():
            if callable(content):
                with z.open(name, "w", force_zip64=True) as f:
                    content(f)
            else:
                z.writestr(name, content)


def base_parts(sheet_content, shared=SHARED, workbook=WORKBOOK):
    return {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "xl/workbook.xml": workbook,
            "xl/_rels/workbook.xml.rels": WB_RELS, "xl/sharedStrings.xml": shared,
            "xl/worksheets/sheet1.xml": sheet_content}


def streamed(head, filler, tail, size=GIB_1_1):
    def write(f):
        f.write(head.encode())
        block = (filler * (CHUNK // len(filler))).encode()
        left = size
        while left > 0:
            f.write(block[:min(left, len(block))])
            left -= len(block)
        f.write(tail.encode())
    return write


def patch_sizes(path, member, fn):
    """Rewrites `member`'s sizes/CRC in the central directory (and local header) with fn."""
    data = bytearray(open(path, "rb").read())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
    name = member.encode()
    pos = 0
    while True:
        cd = data.find(b"PK\x01\x02", pos)
        if cd < 0:
            break
        nlen = struct.unpack_from("<H", data, cd + 28)[0]
        if data[cd + 46:cd + 46 + nlen] == name:
            crc, csize, usize = struct.unpack_from("<III", data, cd + 16)
            crc, usize = fn(crc, usize)
            struct.pack_into("<I", data, cd + 16, crc)
            struct.pack_into("<I", data, cd + 24, usize)
            lh = info.header_offset
            struct.pack_into("<I", data, lh + 14, crc)
            struct.pack_into("<I", data, lh + 22, usize)
        pos = cd + 4
    open(path, "wb").write(bytes(data))


def main():
    out = sys.argv[1]
    small = "--small" in sys.argv
    os.makedirs(out, exist_ok=True)
    p = lambda n: os.path.join(out, n)

    # Small ones (also the fuzz seeds).
    write_zip(p("unclosed_row.xlsx"), base_parts(
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>' + row_xml(1, HEADER) +
        '<row r="2">' + "".join(cell(chr(65 + i), 2, v) for i, v in enumerate(person(0))) +
        "</sheetData></worksheet>"))
    full = sheet(sheet_rows(9))
    cut = full.index('<row r="7">') + 60  # inside row 7 of 10
    write_zip(p("cut_in_row7.xlsx"), base_parts(full[:cut]))
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
              "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) +
              f']><worksheet {NS}><sheetData>' + row_xml(1, HEADER) +
              '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
    write_zip(p("billion_laughs.xlsx"), base_parts(laughs))
    write_zip(p("sizes_lie.xlsx"), base_parts(sheet(sheet_rows(3))))
    patch_sizes(p("sizes_lie.xlsx"), "xl/worksheets/sheet1.xml", lambda crc, usize: (crc, 100))
    write_zip(p("bad_crc.xlsx"), base_parts(sheet(sheet_rows(3))))
    patch_sizes(p("bad_crc.xlsx"), "xl/worksheets/sheet1.xml", lambda crc, usize: (crc ^ 0xFFFF, usize))
    with open(p("unclosed_quote.csv"), "w") as f:
        f.write(",".join(HEADER) + "\n")
        f.write(",".join(person(1)) + "\n")
        f.write('8900000002,095000000002,"Trần Thị\n Hai,01/01/1990,nu,31813\n')
        f.write(",".join(person(3)) + "\n")
    with open(p("formula_in_cell.csv"), "w") as f:
        f.write(",".join(HEADER) + "\n")
        f.write('"=HYPERLINK(""http://x"",""y"")",095000000001,A,01/01/1990,nam,31813\n')
    if small:
        return

    # Large ones.
    write_zip(p("cell_1g.xlsx"), base_parts(streamed(
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>' + row_xml(1, HEADER) +
        '<row r="2"><c r="C2" t="inlineStr"><is><t>', "A", "</t></is></c></row></sheetData></worksheet>")))
    write_zip(p("shared_1g.xlsx"), base_parts(sheet(sheet_rows(2)), shared=streamed(
        f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}><si><t>', "A", "</t></si></sst>")))
    write_zip(p("workbook_1g.xlsx"), base_parts(sheet(sheet_rows(2)), workbook=streamed(
        f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} {RNS}><!--', "A",
        '--><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')))
    # Many small shared strings (each under every per-entry bound): the count/text bounds.
    write_zip(p("shared_many.xlsx"), base_parts(sheet(sheet_rows(2)), shared=streamed(
        f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}>', "<si><t>abcdefghij</t></si>", "</sst>")))
    write_zip(p("unclosed_row_1g.xlsx"), base_parts(streamed(
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>' + row_xml(1, HEADER) + '<row r="2">',
        '<c t="inlineStr"><is><t>A</t></is></c>', "</sheetData></worksheet>")))
    big = person(1)
    big[2] = "A" * (1 << 20)
    write_zip(p("name_1mb.xlsx"), base_parts(sheet(row_xml(1, HEADER) + row_xml(2, big))))
    with open(p("name_1mb.csv"), "w") as f:
        f.write(",".join(HEADER) + "\n")
        f.write(f"8900000001,095000000001,{'A' * (1 << 20)},01/01/1990,nam,31813\n")
    with open(p("field_100mb.csv"), "w") as f:
        f.write(",".join(HEADER) + "\n")
        f.write('8900000001,095000000001,"')
        block = "B" * CHUNK
        for _ in range(100):
            f.write(block)
        f.write('",01/01/1990,nam,31813\n')
    with open(p("columns_1m.csv"), "w") as f:
        f.write(",".join(HEADER) + "\n")
        f.write(",".join(person(1)) + "," * 1_000_000 + "\n")


if __name__ == "__main__":
    main()
