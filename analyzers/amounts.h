/** @file
 *  @brief Money amounts in Vietnamese text ("666,3 tỷ đồng", "500.000đ") as exact integer VND.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu::analyzers {

/// One money amount found in running text.
struct Amount {
    std::size_t begin = 0;  ///< byte offset of the whole expression (`666,3 tỷ đồng`, `từ 10 đến 20 triệu đồng`)
    std::size_t end = 0;    ///< byte offset one past it; a per-unit suffix (`/người`) is not included
    std::int64_t vnd = 0;      ///< exact value in đồng; for a range, the lower bound
    std::int64_t vnd_max = 0;  ///< for a range, the upper bound; otherwise equal to vnd
    /** The number can be read two ways and was read the Vietnamese way: `1.5 tỷ` (the group
     *  after '.' is not 3 digits) is 1,5 tỷ. Also set for `500,000 đồng` (comma groups of 3
     *  digits with no scale word), which is read as 500 000 because a fraction of a đồng makes
     *  no sense. */
    bool ambiguous = false;
    bool per_unit = false;  ///< a rate: `900.000 đồng/trường hợp`, `1.000.000 VNĐ/người`
    std::string text;       ///< text[begin, end) as written
};

/** Finds the money amounts in normalised UTF-8 text (the output of normalize_text()).
 *
 *  An amount is `NUM SCALE? CUR` (LEGAL.md §3.2): '.' groups thousands and ',' is the decimal
 *  mark (`1.093 tỷ` = 1 093 000 000 000, `9,78 tỷ` = 9 780 000 000, `1.000,5 triệu`
 *  = 1 000 500 000); scale words are nghìn/ngàn, trăm nghìn, triệu/tr./tr, tỷ/tỉ and nghìn
 *  tỷ/ngàn tỷ; currency is đồng, đ, VNĐ, VND or ₫, in any case, glued or spaced (`500.000đ`,
 *  `350 tr.đ`). Without a currency word there is no money: `1,4 triệu lượt`, `157.287 hồ sơ`,
 *  `87,94%` and `30.000 EUR` give nothing, nor does `2 đồng chí`. A range `từ 10 đến 20 triệu
 *  đồng` or `10-20 triệu đồng` is one Amount whose lower bound borrows the upper bound's scale.
 *
 *  table_unit_vnd: the value of 1 in a table headed `Đơn vị: triệu đồng` (1 000 000). When
 *  non-zero, a number not followed by a word or '%' is money in that unit (`89.000` → 89 tỷ);
 *  the caller passes it only for table cells. 0 means running text.
 *
 *  Values above 9·10^18 đồng, and values that are not a whole number of đồng (`12,5 đồng`),
 *  are skipped. Amounts are returned in text order and never overlap. Pure: no I/O, no state;
 *  safe to call from several threads.
 */
[[nodiscard]] std::vector<Amount> find_amounts(std::string_view text, std::int64_t table_unit_vnd = 0);

/** Vietnamese display of an amount: the largest of tỷ / triệu that shows it exactly with at most
 *  3 decimals, else đồng with '.' thousands groups. 1 093 000 000 000 → `1.093 tỷ đồng`,
 *  9 780 000 000 → `9,78 tỷ đồng`, 500 000 → `500.000 đồng`, 44 684 240 → `44.684.240 đồng`. */
[[nodiscard]] std::string format_vnd(std::int64_t vnd);

}  // namespace tracuu::analyzers
