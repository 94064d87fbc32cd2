#!/usr/bin/env python3
"""Writes the hand-made seed inputs of fuzz/corpus/<target>/seed_* (deterministic; re-run after
editing). Inputs the fuzzers found are kept beside them under other names. The .xlsx seeds are
built here with zipfile, mostly uncompressed (ZIP_STORED) so that the fuzzer sees the XML and
can mutate it; fuzz/xlsxwriter_seed.c adds one file exactly as libxlsxwriter writes it."""
import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
BOM = "\ufeff"


def put(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, "seed_" + name), "wb") as f:
        f.write(data)


# --- CSV -----------------------------------------------------------------------------------
PERSONS_HEADER = "ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,gioi_tinh,ma_xa,ma_thon,ma_ho_gd\n"
PERSONS_ROWS = ("6000000011,060000000011,Nguyễn Thị Ánh,17/05/2010,Nữ,22972,22972-T1,HGD1\n"
                "6000000012,060000000012,Trần Văn Đức,2009-12-01,Nam,22972,,HGD1\n")
CARDS_HEADER = "ma_so_bhxh,ma_the,tu_ngay,den_ngay,ma_kcb_bd,ma_doi_tuong,muc_huong\n"
CARDS_ROWS = ("6000000001,HS4600000000001,01/01/2022,31/12/2022,60001,,\n"
              "6000000002,6000000002,44562,44926,,GD,4\n")

csv = {
    "persons_bom_crlf.csv": BOM + (PERSONS_HEADER + PERSONS_ROWS).replace("\n", "\r\n"),
    "persons_vi_header_semicolon.csv":
        "Mã số BHXH;Số CCCD;Họ và tên;Ngày tháng năm sinh;Giới tính;Mã xã;Mã thôn;Mã hộ gia đình\r\n"
        "6000000011;060000000011;Lê Thị Hồng Nhung;1.2.1985;nữ;22972;;\r\n"
        "6000000013;;\"Phạm, Văn \"\"Tí\"\"\";03-04-1950;1;23002;;HGD9\r\n",
    "quoted_newlines.csv":
        "ma_xa,ten,ghi_chu\n22972,\"Thị trấn\nPhan Rí Cửa\",\"dòng 1\r\ndòng 2\"\n23002,Hòa Phú,\"\"\"trích\"\"\"\n",
    "cards.csv": CARDS_HEADER + CARDS_ROWS,
    "empty.csv": "",
    "bom_only.csv": BOM,
    "unclosed_quote.csv": "a,b\n1,\"không đóng\n2,3\n",
    "blank_lines_lone_cr.csv": "\n\na;b;c\r\n\r\nx\ry;\"\";z\n;;\n",
    "no_final_newline.csv": "ten;so_nguoi\nXã Chí Công;12.345",
    "quote_mid_field.csv": "a,b\nx\"y,\"p\"q\n\"\",\"\"\"\"\n",
}
for name, text in csv.items():
    put("csv", name, text)

# --- values ---------------------------------------------------------------------------------
values = [
    "10/11/2021", "1/2/2021", "01-02-2021", "1.2.2021", "2021-11-10", " 2021-02-29 ", "2020-02-29",
    "44510", "44510.75", "60", "61", "1", "2958465", "2958466", "20211110", "31/04/2021", "9999-12-31",
    "0001-01-01", "00/00/0000", "HS4010120878811", " GD4600000000001\t", "hs4010120878811",
    "HS6010120878811", "HS40101208788", "6000000001", "060000000001", "22972-T1", "VN",
    "Nữ", "nam", "M", "0", "Thành phố trực thuộc Trung ương", "Tổ dân phố", "Thị trấn",
    "Phan Rí Cửa  ", "  PHAN  RÍ  CỬA", "Đặc khu", "ĐẮK LẮK", "Nguyễn Thị Ánh",
    "Ánh", "İstanbul ǅ ﬁ", "1.234.567", "1 234 567", "85,45 %", "100", "100.01",
]
for i, v in enumerate(values):
    put("values", "%02d" % i, v)
put("values", "nfd_text", "Nguye\u0302\u0303n Thi\u0323 A\u0301nh")  # decomposed marks
put("values", "bad_utf8", b"Nguy\xe1\xbb n \xff\xfe")

# --- import (first byte: bit0 cards, bit1 accept valid, bit2 header in front, bit3 xlsx) ----
put("import", "persons.csv", bytes([0]) + (PERSONS_HEADER + PERSONS_ROWS).encode())
put("import", "persons_bad_row_accept.csv", bytes([2]) + (PERSONS_HEADER + PERSONS_ROWS +
    "60000000x9,,Vô Danh,32/13/2000,?,99999,,\n").encode())
put("import", "persons_headerless.csv", bytes([4]) + PERSONS_ROWS.encode())
put("import", "persons_duplicate_cccd.csv", bytes([4]) + (
    "6000000021,060000000001,Hai Người,01/01/2001,Nam,22972,,\n"
    "6000000022,060000000022,Ba,01/01/2001,Nam,22972,,\n"
    "6000000022,060000000022,Ba,02/01/2001,Nam,22972,,\n").encode())
put("import", "cards.csv", bytes([1]) + (CARDS_HEADER + CARDS_ROWS).encode())
put("import", "cards_headerless_mixed_accept.csv", bytes([1 | 2 | 4]) + (
    CARDS_ROWS + "6000000009,HS4600000000009,01/01/2022,31/12/2022,,,\n"
    "6000000001,HS4600000000001,01/01/2022,31/12/2021,,,\n"
    "6000000001,HS4600000000001,01/01/2022,30/06/2022,,,\n").encode())
put("import", "cards_semicolon_vi.csv", bytes([1]) + BOM.encode() + (
    "Mã số BHXH;Mã thẻ BHYT;Giá trị từ;Giá trị đến;Nơi đăng ký KCB\r\n"
    "6000000002;GD4606000000002;2023-01-01;2023-12-31;60001\r\n").encode())


# --- xlsx -----------------------------------------------------------------------------------
def xlsx(parts, compression=zipfile.ZIP_STORED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2021, 11, 10, 0, 0, 0))
            info.compress_type = compression
            z.writestr(info, text)
    return buf.getvalue()


NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
             '2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>' % REL)


def workbook(sheets):
    s = "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (n, i + 1, i + 1) for i, n in enumerate(sheets))
    return '<?xml version="1.0" encoding="UTF-8"?><workbook %s %s><sheets>%s</sheets></workbook>' % (NS, RNS, s)


def wb_rels(n, shared=True):
    s = "".join('<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, REL, i + 1)
                for i in range(n))
    if shared:
        s += '<Relationship Id="rId%d" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % (n + 1, REL)
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships">%s</Relationships>' % s)


SHARED = ('<?xml version="1.0" encoding="UTF-8"?><sst %s count="4" uniqueCount="4">'
          '<si><t>ma_so_bhxh</t></si><si><t>ho_ten</t></si>'
          '<si><r><t>Nguyễn </t></r><r><rPr><b/></rPr><t xml:space="preserve">Thị Ánh</t></r>'
          '<rPh><t>phonetic</t></rPh></si><si><t>ngay_sinh</t></si></sst>' % NS)


def sheet(rows):
    return '<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (
        NS, "".join(rows))


SHEET1 = sheet([
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>3</v></c></row>',
    '<row r="2"><c r="A2"><v>6000000011</v></c><c r="B2" t="s"><v>2</v></c><c r="C2"><v>40315</v></c>'
    '<c r="E2" t="inlineStr"><is><t>Nữ</t></is></c></row>',
    '<row r="4"><c r="A4" t="str"><v>0600000012</v></c><c r="B4" t="b"><v>1</v></c>'
    '<c r="C4" t="d"><v>2010-05-17T00:00:00</v></c><c r="D4"><v>85.450000000000003</v></c><c t="e"><v>#N/A</v></c></row>',
    '<row><c r="AA5"><v>1E+20</v></c></row><row r="6"/>',
])
base = [("[Content_Types].xml", '<?xml version="1.0"?><Types/>'), ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook(["Người"])), ("xl/_rels/workbook.xml.rels", wb_rels(1)),
        ("xl/sharedStrings.xml", SHARED), ("xl/worksheets/sheet1.xml", SHEET1)]
put("xlsx", "basic_stored.xlsx", xlsx(base))
put("xlsx", "basic_deflated.xlsx", xlsx(base, zipfile.ZIP_DEFLATED))

two = [("_rels/.rels", ROOT_RELS), ("xl/workbook.xml", workbook(["Thẻ", "Danh sách"])),
       ("xl/_rels/workbook.xml.rels", wb_rels(2, shared=False)),
       ("xl/worksheets/sheet1.xml", sheet(['<row r="1"><c t="inlineStr"><is><t>ma_the</t></is></c></row>'])),
       ("xl/worksheets/sheet2.xml", sheet(['<row r="1"><c r="B1"><v>1</v></c></row>',
                                           '<row r="3"><c r="C3" t="inlineStr"><is><t>ba</t></is></c></row>']))]
put("xlsx", "two_sheets_no_shared.xlsx", xlsx(two))

# Namespace prefixes (x:), an absolute relationship target, a workbook outside xl/.
prefixed = [
    ("_rels/.rels", ROOT_RELS.replace("xl/workbook.xml", "/book/wb.xml")),
    ("book/wb.xml", '<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" %s>'
                    '<x:sheets><x:sheet name="S" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>' % RNS),
    ("book/_rels/wb.xml.rels",
     '<Relationships><Relationship Id="rId7" Type="%s/worksheet" Target="../data/s.xml"/></Relationships>' % REL),
    ("data/s.xml", '<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is>'
                   '<x:t>Xã Chí Công</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>22972</x:v></x:c>'
                   '</x:row></x:sheetData></x:worksheet>'),
]
put("xlsx", "prefixed_paths.xlsx", xlsx(prefixed))

good = xlsx(base)
put("xlsx", "truncated.xlsx", good[: len(good) // 2])
put("xlsx", "no_central_directory.xlsx", good[: good.rfind(b"PK\x01\x02")])
put("xlsx", "not_a_zip.xlsx", "ma_so_bhxh,ho_ten\n6000000011,Ánh\n")
put("xlsx", "missing_workbook.xlsx", xlsx([("_rels/.rels", ROOT_RELS)]))
put("xlsx", "bad_shared_index.xlsx", xlsx(base[:5] + [(
    "xl/worksheets/sheet1.xml", sheet(['<row r="1"><c r="A1" t="s"><v>99</v></c></row>']))]))
put("xlsx", "bad_xml_row.xlsx", xlsx(base[:5] + [(
    "xl/worksheets/sheet1.xml", sheet(['<row r="1"><c r="A1"><v>1</c></row>']))]))
corrupt = bytearray(xlsx(base, zipfile.ZIP_DEFLATED))
corrupt[200:210] = b"\x00" * 10
put("xlsx", "corrupt_deflate.xlsx", bytes(corrupt))

# The same CSV and xlsx shapes through the importer.
put("import", "persons.xlsx", bytes([8]) + xlsx(base))
