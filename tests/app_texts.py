"""Texts the app tests load: real-looking documents the samples do not cover."""

# Nghị định 42/2022/NĐ-CP's closing article, as published: it replaces 43/2011/NĐ-CP.
DECREE_42 = """CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 42/2022/NĐ-CP
Hà Nội, ngày 24 tháng 6 năm 2022

NGHỊ ĐỊNH
Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi \
trường mạng

Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
Chính phủ ban hành Nghị định quy định về việc cung cấp thông tin và dịch vụ công trực tuyến.

Điều 1. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 8 năm 2022 và thay thế Nghị định số \
43/2011/NĐ-CP ngày 13 tháng 6 năm 2011 của Chính phủ quy định về việc cung cấp thông tin và dịch \
vụ công trực tuyến trên trang thông tin điện tử hoặc cổng thông tin điện tử của cơ quan nhà nước.

TM. CHÍNH PHỦ
THỦ TƯỚNG
Phạm Minh Chính
"""

# A web copy of a directive whose text carries markup: it must be shown, never run.
HOSTILE = """BỘ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 05/CT-BTTTT
Hà Nội, ngày 10 tháng 3 năm 2024

CHỈ THỊ
Về việc tăng cường an toàn thông tin <script>alert('xss')</script>

Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ <img src=x onerror=alert(1)>, \
Bộ trưởng Bộ Thông tin và Truyền thông chỉ thị các cơ quan, đơn vị thực hiện nghiêm.
"""

# A directive whose task still cites Nghị định 43/2011/NĐ-CP, which 42/2022/NĐ-CP replaced: a
# stale dependency.
DIRECTIVE_TASKS = """BỘ THÔNG TIN VÀ TRUYỀN THÔNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 07/CT-BTTTT
Hà Nội, ngày 15 tháng 3 năm 2024

CHỈ THỊ
Về việc đẩy mạnh cung cấp dịch vụ công trực tuyến

Để nâng cao chất lượng dịch vụ công trực tuyến, Bộ trưởng Bộ Thông tin và Truyền thông chỉ thị:

1. Lĩnh vực chuyển đổi số
- Cục Chuyển đổi số quốc gia chủ trì, phối hợp với Văn phòng Bộ rà soát việc cung cấp dịch vụ \
công trực tuyến theo Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ; hoàn thành trong \
Quý II/2024.
- Trung tâm Thông tin chủ trì cập nhật Cổng thông tin điện tử của Bộ; hoàn thành trước ngày \
30/6/2024.

BỘ TRƯỞNG
Nguyễn Mạnh Hùng
"""
