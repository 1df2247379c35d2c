"""Normalisation of printed text for matching labels; the text kept in the tree is never changed.

A normalised copy folds full-width forms to ASCII, unifies quotes, drops white space and
zero-width characters, removes pinyin that mirror sites inject after characters
(``公(gōng)開``), maps traditional characters of the format's vocabulary to simplified ones
(an OpenCC binding is used first when installed) and folds the Taiwan word 檔案 to 文件.
Blanket NFKC is not used: it would turn ① into 1 and ㈠ into (一).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import re
from collections.abc import Callable

import regex

# Full-width ASCII forms to ASCII, quotes unified, zero-width characters and all spaces removed.
_FOLD: dict[int, str | None] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_FOLD.update(
    {
        ord("“"): '"',
        ord("”"): '"',
        ord("„"): '"',
        ord("「"): '"',
        ord("」"): '"',
        ord("‘"): "'",
        ord("’"): "'",
        ord("『"): '"',
        ord("』"): '"',
        ord("〔"): "[",
        ord("〕"): "]",
        ord("【"): "[",
        ord("】"): "]",
        ord("﹙"): "(",
        ord("﹚"): ")",
        ord("．"): ".",
        ord("—"): "-",
        ord("–"): "-",
        ord("－"): "-",
    }
)
for _space in (
    " ",
    "\t",
    "\n",
    "\r",
    "\u3000",
    "\u00a0",
    "\u200b",
    "\u200c",
    "\u200d",
    "\ufeff",
    "\u2002",
    "\u2003",
    "\u2009",
    "\u202f",
    "\x0b",
    "\x0c",
):
    _FOLD[ord(_space)] = None

# Traditional characters of the format's vocabulary (and common report prose) to simplified.
_TRADITIONAL = (
    "開开資资訊讯體体況况動动請请複复復复議议訴诉訟讼處处決决數数規规範范書书條条項项內内廢废現现"
    "與与許许強强費费額额單单萬万購购總总對对務务產产為为爲为屬属國国險险穩稳權权類类過过執执詢询"
    "機机關关構构補补後后確确獲获訪访舉举報报無无當当據据來来結结轉转繼继續续辦办種种業业組组織织"
    "會会師师計计審审維维糾纠經经問问題题進进實实際际發发製制徵征採采區区層层門门號号頁页圖图應应"
    "學学長长鄉乡鎮镇縣县財财稅税員员級级間间時时錄录廳厅統统證证義义標标準准歸归檔档狀状態态說说"
    "課课設设個个並并導导線线網网這这們们將将從从嚴严東东華华圍围兩两劃划範范歲岁衛卫環环驗验聯联"
    "網网絡络擊击擔担擬拟擴扩攜携敗败敵敌斷断曆历歷历殺杀氣气漢汉濟济熱热爭争牆墙產产疇畴療疗"
    "盡尽監监盤盘礎础禮礼稱称穀谷積积競竞筆笔範范築筑節节紀纪約约級级紅红純纯紙纸細细終终紹绍"
    "給给絕绝統统絲丝綜综綠绿緊紧線线編编緩缓練练縮缩總总績绩繫系縱纵聽听職职聞闻脅胁腦脑興兴"
    "舊旧艱艰莊庄蘇苏藝艺號号衆众裝装覺觉規规視视親亲觀观訂订計计討讨訓训託托記记許许設设訴诉"
    "診诊詞词評评試试詳详誌志認认誤误說说誰谁課课調调談谈論论諮咨謀谋講讲謝谢謹谨識识護护譽誉"
    "讓让貝贝負负貢贡財财責责貨货販贩貴贵買买貸贷費费資资賣卖質质賴赖購购趙赵車车軍军軟软較较"
    "輔辅輕轻輸输辦办農农連连週周進进運运過过達达違违遠远適适選选遺遗邊边鄰邻醫医釋释鐵铁錄录"
    "鍵键長长門门閉闭開开閒闲間间閱阅闡阐關关陣阵陳陈陸陆陽阳隊队階阶隨随隱隐雙双雜杂離离電电"
    "靈灵韓韩項项順顺須须頒颁預预領领頻频題题額额顏颜類类顧顾風风飛飞飯饭館馆駐驻驗验體体髮发"
    "鬥斗魚鱼鳥鸟麥麦黃黄齊齐龍龙僅仅們们倆俩個个備备傳传僱雇價价優优兒儿內内冊册劃划劉刘"
    "動动務务勞劳勢势勵励區区協协單单衛卫廠厂參参叢丛啟启嚴严團团園园圍围圖图圓圆執执堅坚報报場场"
    "塊块壓压壞坏奪夺奮奋婦妇嬰婴孫孙寧宁實实審审寫写寬宽對对專专導导層层屆届嶺岭幣币幫帮廣广"
    "張张強强彈弹徑径從从徵征復复惡恶愛爱態态慣惯憂忧懷怀戰战戶户拋抛掃扫揚扬換换損损搶抢擁拥"
    "據据數数斂敛歐欧殘残氣气決决沒没況况測测濕湿滅灭滿满漁渔潔洁災灾為为爐炉點点無无煙烟熱热"
    "獎奖獨独現现瑪玛環环產产畫画當当發发盡尽碼码礙碍禮礼種种稅税穩稳競竞筆笔範范簡简糧粮緒绪"
)
_TRADITIONAL_MORE = (
    "罰罚 檢检 註注 價价 戶户 勵励 齡龄 醫医 藥药 療疗 衛卫 險险 顧顾 態态 "
    "慮虑 響响 擊击 爭争 礎础 歷历 曆历 蘭兰 嶺岭 鐘钟 錢钱 銀银 鐵铁 鋼钢 "
    "鎮镇 門门 閱阅 隊队 陰阴 陽阳 雲云 雙双 雜杂 難难 靜静 頂顶 須须 頓顿 "
    "預预 領领 頭头 題题 顯显 類类 飲饮 養养 館馆 馬马 駕驾 驗验 騰腾 髮发 "
    "鬥斗 鬧闹 魯鲁 鮮鲜 鳳凤 鴻鸿 麗丽 黨党 齒齿 龍龙 準准 滬沪 濱滨 灣湾 "
    "爾尔 牆墙 狀状 獄狱 獻献 異异 畢毕 畝亩 疊叠 盜盗 盧卢 眾众 確确 礦矿 "
    "禍祸 稱称 窮穷 竊窃 籌筹 簽签 紀纪 紋纹 納纳 紛纷 紡纺 紳绅 絡络 綁绑 "
    "綱纲 締缔 緣缘 繩绳 罷罢 羅罗 習习 聖圣 聲声 肅肃 脫脱 膽胆 臉脸 臨临 "
    "艦舰 藝艺 葉叶 蔣蒋 蕭萧 薦荐 藍蓝 虧亏 蟲虫 術术 衝冲 褲裤 襲袭 覽览 "
    "觸触 訊讯 詩诗 話话 該该 語语 誼谊 請请 諸诸 譯译 讀读 變变 豐丰 貧贫 "
    "貿贸 賓宾 賞赏 賠赔 賬账 賽赛 贊赞 贏赢 趕赶 趨趋 跡迹 踐践 軌轨 載载 "
    "輛辆 輝辉 輪轮 輯辑 轄辖 辭辞 遊游 遙遥 遞递 遲迟 還还 郵邮 醜丑 針针 "
    "鈔钞 鉛铅 銷销 鋒锋 錯错 鍋锅 鎖锁 鏡镜 鑒鉴 閣阁 闢辟 隸隶 雞鸡 頗颇 "
    "顆颗 願愿 颱台 飄飘 飾饰 餘余 饋馈 騎骑 驅驱 驚惊 鬆松 鳴鸣 鹽盐 於于 "
    "屆届 縣县 揮挥 揭揭 擇择 擺摆 攤摊 敘叙 斂敛 樣样 樓楼 標标 樂乐 權权 "
    "機机 檔档 歡欢 殼壳 氫氢 決决 沒没 滯滞 漲涨 潛潜 濫滥 瀏浏 灑洒 燈灯 "
    "營营 犧牺 猶犹 獲获 璽玺 瓊琼 產产 畫画 監监 禮礼 秘秘 稅税 穀谷 筍笋 "
    "箋笺 節节 範范 篩筛 簡简 糧粮 係系 俠侠 倉仓 偉伟 側侧 偵侦 傷伤 傾倾 "
    "僅仅 償偿 儲储 兇凶 內内 兩两 凍冻 剛刚 創创 劇剧 勁劲 勢势 勻匀 區区 "
    "卻却 參参 叢丛 吳吴 嗎吗 嚴严 團团 圓圆 執执 堅坚 塊块 壇坛 壓压 夢梦 "
    "奧奥 婦妇 媽妈 嫻娴 孫孙 寬宽 寶宝 將将 對对 屬属 嶽岳 幣币 幫帮 廟庙 "
    "廠厂 廢废 廣广 彈弹 彙汇 徑径 復复 恆恒 惡恶 慶庆 憑凭 懷怀 戰战 擁拥 "
    "據据 擬拟 擴扩 "
)
_T2S: dict[int, str] = {
    ord(_TRADITIONAL[i]): _TRADITIONAL[i + 1] for i in range(0, len(_TRADITIONAL), 2)
}
_T2S.update({ord(pair[0]): pair[1] for pair in _TRADITIONAL_MORE.split() if pair[0] != pair[1]})
_T2S_WORDS: tuple[tuple[str, str], ...] = (("檔案", "文件"), ("覆議", "复议"))

_PINYIN = regex.compile(
    r"(?<=\p{Han})\((?:[a-zA-Z\u00c0-\u024f\u01cd-\u01dc\u0300-\u036f]{1,8}\d?)\)"
)
_PINYIN_OPEN = regex.compile(r"(?<=\p{Han})\([a-zA-Z\u00c0-\u024f\u01cd-\u01dc\u0300-\u036f]{1,8}$")


def _opencc_converter() -> Callable[[str], str] | None:
    try:
        opencc = importlib.import_module("opencc")  # the optional extra
    except ImportError:
        return None
    try:
        converter = opencc.OpenCC("t2s")
    except Exception:
        return None
    convert: Callable[[str], str] = converter.convert
    return convert


_CONVERT = _opencc_converter()


FOLD_DROPS = frozenset(chr(code) for code, value in _FOLD.items() if value is None)
"""The characters :func:`fold` removes (white space and zero-width characters)."""


def fold(text: str) -> str:
    """Fold widths, quotes and spaces and drop injected pinyin, without changing characters.

    Examples:
        >>> fold("（二） 部分公开 （区分处理的， 只计这一情形）")
        '(二)部分公开(区分处理的,只计这一情形)'
        >>> fold("公(gōng)開(kāi)")
        '公開'
    """
    folded = text.translate(_FOLD)
    if "(" in folded:
        folded = _PINYIN.sub("", folded)
        folded = _PINYIN_OPEN.sub("", folded)
    return folded


_SAME_LENGTH: dict[int, str] = {
    code: value for code, value in _FOLD.items() if value is not None and len(value) == 1
}


_SIMPLIFY: dict[int, str] = {
    **_SAME_LENGTH,
    **{code: _SAME_LENGTH.get(ord(value), value) for code, value in _T2S.items()},
}


def simplify(text: str) -> str:
    """A copy of ``text`` of the same length: widths folded, traditional characters simplified.

    Slices of the copy are slices of the original, so a pattern found in the copy can cut the
    printed text.

    Examples:
        >>> simplify("現公布清遠市教育局２０２４年")
        '现公布清远市教育局2024年'
    """
    if _SIMPLIFIABLE.search(text) is None:
        return text  # most titles and labels: nothing to fold or simplify
    return text.translate(_SIMPLIFY)


_SIMPLIFIABLE = re.compile(
    "[" + "".join(re.escape(chr(code)) for code, to in _SIMPLIFY.items() if to != chr(code)) + "]"
)
"""Any character :func:`simplify` changes (``re`` scans a class of them faster than
``str.translate`` looks each character up)."""


_KEPT = 200
"""The longest text whose normalised copy is remembered: labels repeat, long prose does not."""


def normalize(text: str) -> str:
    """The copy of ``text`` used for matching: folded, and traditional characters simplified.

    Examples:
        >>> normalize("第二十條第(一)項")
        '第二十条第(一)项'
        >>> normalize("其他主動公開檔案")
        '其他主动公开文件'
        >>> normalize("3.危及“三安全一稳定”")
        '3.危及"三安全一稳定"'
    """
    return _normalize(text) if len(text) <= _KEPT else _normalize_once(text)


def _normalize_once(text: str) -> str:
    folded = fold(text)
    for traditional, simplified in _T2S_WORDS:
        folded = folded.replace(traditional, simplified)
    if _CONVERT is not None:
        # Lone surrogates make OpenCC fail: the alias table below still applies.
        with contextlib.suppress(UnicodeError, ValueError):
            folded = _CONVERT(folded)
    return folded.translate(_T2S)


_normalize = functools.lru_cache(maxsize=8192)(_normalize_once)


_ENUMERATOR = regex.compile(
    r"^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十]+\)|\d{1,2}[.、](?!\d)|[①-⑩])"
)


def strip_enumerator(normalized: str) -> str:
    """Remove a leading enumerator (``一、``, ``(三)``, ``2.``) from a normalised label.

    Examples:
        >>> strip_enumerator("(三)不予公开")
        '不予公开'
        >>> strip_enumerator("2.其他法律行政法规禁止公开")
        '其他法律行政法规禁止公开'
        >>> strip_enumerator("2022年")
        '2022年'
    """
    return str(_ENUMERATOR.sub("", normalized, count=1))


def label_key(text: str) -> str:
    """The key a printed label is matched by: normalised, enumerator removed.

    Examples:
        >>> label_key("(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)")
        '部分公开(区分处理的,只计这一情形,不计其他情形)'
    """
    return _label_key(text) if len(text) <= _KEPT else strip_enumerator(normalize(text))


@functools.lru_cache(maxsize=8192)
def _label_key(text: str) -> str:
    return strip_enumerator(normalize(text))


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide and full-width characters count 2.

    Examples:
        >>> display_width("ab"), display_width("总计")
        (2, 4)
    """
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
