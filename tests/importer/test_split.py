"""Report boundaries, title placement and artefacts on small synthetic bulletins."""

from site_src.importer.bulletin import import_bulletin, normalised_lines
from site_src.importer.split import derive_title, split_reports, title_text
from site_src.model.article import TitleOrigin

WRAPPED_BODY = """\
会议强调，要认真学习国家

主席习近平发表的重要讲话，深刻

领悟“两个确立”的决定性意义，增

强“四个意识”、坚定“四个自信”，

感恩奋进、紧跟追随，奋力推进

民政事业高质量发展。
"""


def _drafts(text):
    return split_reports(normalised_lines(text))


def test_attributions_full_width_ascii_and_glued_end_reports():
    text = (
        "# 浙江省民政厅召开会议\n\n3月14日，浙江省民政厅召开会议。\n\n(据浙江省民政厅)\n\n"
        "## 江苏省民政厅召开会议\n\n"
        "3月14日，江苏省民政厅召开会议。厅领导参加会议。（据江苏省民政厅）\n"
        "## 湖北省民政厅召开会议\n\n3月13日，湖北省民政厅召开会议。\n（ 据 湖北省民政厅 ）\n"
    )
    drafts = _drafts(text)
    assert [d.source for d in drafts] == ["浙江省民政厅", "江苏省民政厅", "湖北省民政厅"]
    assert [d.title_origin for d in drafts] == [TitleOrigin.HEADING] * 3
    glued = drafts[1]
    assert glued.attribution.line == glued.body[-1].line == 9
    assert glued.attribution.col > glued.body[-1].col
    assert all(not d.flags for d in drafts)


def test_a_parenthesis_that_is_not_an_organisation_is_not_an_attribution():
    text = "近日，召开会议。全年增长三成（据统计）\n会议要求，抓好落实。\n（据安徽省民政厅）\n"
    drafts = _drafts(text)
    assert len(drafts) == 1
    assert drafts[0].source == "安徽省民政厅"


def test_a_heading_starts_a_report_even_without_attribution():
    text = "# 第一篇报告标题\n\n近日，召开会议。\n\n# 第二篇报告标题\n\n近日，召开会议。\n"
    drafts = _drafts(text + "（据安徽省民政厅）\n")
    assert len(drafts) == 2
    assert any("no attribution" in flag for flag in drafts[0].flags)
    assert not drafts[1].flags


def test_glued_title_after_attribution_goes_to_the_report_it_names():
    text = (
        "日前，浙江省民政厅召开党组会议，研究贯彻落实意见。\n\n（据浙江省民政厅）\n"
        " 扬州市民政局：“实”字当头 推动主题教育见行见效\n"
        "第二批主题教育开展以来，江苏省扬州市民政局党委牢牢把握总要求。\n\n（据扬州市民政局）\n"
    )
    first, second = _drafts(text)
    assert first.title_origin is TitleOrigin.DERIVED
    assert second.title_origin is TitleOrigin.INLINE
    assert title_text(second) == "扬州市民政局：“实”字当头 推动主题教育见行见效"
    assert second.start_line == 4


def test_title_after_its_body_goes_back_by_content_with_its_artefact():
    text = (
        " 2月21日，湖北省民政厅在武汉召开2024年全省民政工作视频会议，部署工作。\n\n"
        "厅领导参加会议。 （据湖北省民政厅）\n"
        " 湖北省民政厅召开\n2024 年全省民政工作视频会议\n\nTOPIC\n\n"
        "日前，内蒙古自治区民政厅举行党组会议。会议传达学习了讲话精神。\n\n"
        "（据内蒙古自治区民政厅）\n"
    )
    first, second = _drafts(text)
    assert first.title_origin is TitleOrigin.AFTER_BODY
    assert title_text(first) == "湖北省民政厅召开2024年全省民政工作视频会议"
    assert first.start_line == 1
    assert [(a.line, a.text) for a in first.artefacts] == [(7, "TOPIC")]
    assert second.artefacts == []
    assert second.title_origin is TitleOrigin.DERIVED
    assert title_text(second) == "内蒙古自治区民政厅举行党组会议"
    assert any("placed by content" in flag for flag in first.flags)


def test_same_layout_but_the_title_names_the_next_report():
    text = (
        " 2月21日，湖北省民政厅在武汉召开全省民政工作视频会议，部署工作。\n\n"
        "厅领导参加会议。 （据湖北省民政厅）\n"
        " 内蒙古自治区民政厅召开\n党组扩大会议\n\n"
        "日前，内蒙古自治区民政厅召开党组扩大会议。会议传达学习了讲话精神。\n\n"
        "（据内蒙古自治区民政厅）\n"
    )
    first, second = _drafts(text)
    assert first.title_origin is TitleOrigin.DERIVED
    assert second.title_origin is TitleOrigin.INLINE
    assert title_text(second) == "内蒙古自治区民政厅召开党组扩大会议"


def test_a_title_that_names_neither_report_is_flagged():
    text = (
        "近日，安徽省民政厅召开会议。\n（据安徽省民政厅）\n"
        "春风化雨润物无声\n"
        "近日，湖北省民政厅召开会议。\n（据湖北省民政厅）\n"
    )
    drafts = _drafts(text)
    assert len(drafts) == 2
    assert any("matched no report by content" in f for f in drafts[1].flags)


def test_a_dangling_title_at_the_end_of_the_file_belongs_to_the_last_report():
    text = "近日，安徽省民政厅召开理论学习会议。\n（据安徽省民政厅）\n"
    text += "安徽省民政厅召开理论学习会议\n\nTOPIC\n"
    (draft,) = _drafts(text)
    assert draft.title_origin is TitleOrigin.AFTER_BODY
    assert [a.text for a in draft.artefacts] == ["TOPIC"]


def test_plain_first_line_of_a_bulletin_is_its_title():
    long_line = "主题教育开展以来，*市民政局党组紧扣总要求，坚持把理论学习、调查研究贯通起来。" * 3
    text = f"在第二批主题教育阶段性汇报会上的发言\n\n尊敬的*组长，各位领导，同志们：\n{long_line}\n"
    (draft,) = _drafts(text)
    assert draft.title_origin is TitleOrigin.INLINE
    assert title_text(draft) == "在第二批主题教育阶段性汇报会上的发言"
    assert [p.line for p in draft.body] == [3, 4]


def test_a_full_width_wrapped_line_is_not_mistaken_for_a_title():
    (draft,) = _drafts(WRAPPED_BODY + "\n（据安徽省民政厅）\n")
    assert draft.title_origin is TitleOrigin.DERIVED
    assert draft.body[0].text == "会议强调，要认真学习国家"


def test_page_numbers_and_latin_words_are_artefacts():
    text = "近日，安徽省民政厅召开会议，\n- 3 -\n研究部署工作。\nTOPIC\n（据安徽省民政厅）\n"
    (report,) = import_bulletin("x.txt", text)
    assert [(a.line, a.text) for a in report.article.provenance.artefacts] == [
        (2, "- 3 -"), (4, "TOPIC"),
    ]
    assert report.article.body.startswith("近日，安徽省民政厅召开会议，研究部署工作。")


def test_derived_title_is_organisation_and_event_without_the_date():
    lede = "3月14日上午，浙江省民政厅召开党组会议，传达学习。"
    assert derive_title(lede) == "浙江省民政厅召开党组会议"
    assert derive_title("2024年2月21日，湖北省民政厅召开视频会议。") == "湖北省民政厅召开视频会议"
    lede = "日前，内蒙古自治区民政厅举行学习会。会议传达…"
    assert derive_title(lede) == "内蒙古自治区民政厅举行学习会"
    assert derive_title("") == "无标题报告"
    assert len(derive_title("近日，" + "很长的句子" * 30 + "。")) == 60


def test_a_title_before_a_heading_goes_back_to_the_report_it_follows():
    text = (
        "近日，扬州市民政局召开主题教育推进会。\n（据扬州市民政局）\n"
        "扬州市民政局召开主题教育推进会\n\n"
        "# 安徽省民政厅召开党组会议\n\n近日，安徽省民政厅召开党组会议。\n（据安徽省民政厅）\n"
        "# 湖北省民政厅召开党组会议\n\n近日，湖北省民政厅召开党组会议。\n（据湖北省民政厅）\n"
    )
    first, second, third = _drafts(text)
    assert first.title_origin is TitleOrigin.AFTER_BODY
    assert title_text(first) == "扬州市民政局召开主题教育推进会"
    assert [d.title_origin for d in (second, third)] == [TitleOrigin.HEADING] * 2
    assert not third.extra and not third.flags


def test_a_short_place_name_in_the_report_counts_for_the_title():
    body = "主题教育开展以来，扬州民政系统扎实推进各项工作，" * 3 + "取得明显成效。"
    text = (
        "近日，浙江省民政厅召开会议。\n（据浙江省民政厅）\n"
        f"扬州市民政局：“实”字当头 推动主题教育\n{body}\n（据民政部网站）\n"
    )
    first, second = _drafts(text)
    assert second.title_origin is TitleOrigin.INLINE


def test_a_two_line_title_after_the_last_report_stays_whole():
    text = (
        " 2月21日，湖北省民政厅在武汉召开2024年全省民政工作视频会议，部署工作。\n\n"
        "厅领导参加会议。 （据湖北省民政厅）\n"
        " 湖北省民政厅召开\n2024 年全省民政工作视频会议\n\nTOPIC\n"
    )
    (draft,) = _drafts(text)
    assert draft.title_origin is TitleOrigin.AFTER_BODY
    assert title_text(draft) == "湖北省民政厅召开2024年全省民政工作视频会议"
    assert [a.text for a in draft.artefacts] == ["TOPIC"]


def test_a_title_glued_on_the_attribution_line_starts_the_next_report():
    body = "第二批主题教育开展以来，江苏省扬州市民政局党委牢牢把握总要求，扎实推进。" * 2
    text = (
        "日前，浙江省民政厅召开党组会议，研究贯彻落实意见。厅领导参加会议。"
        "（据浙江省民政厅）扬州市民政局：“实”字当头 推动主题教育见行见效\n"
        f"{body}\n（据扬州市民政局）\n"
    )
    first, second = _drafts(text)
    assert first.source == "浙江省民政厅" and first.title_origin is TitleOrigin.DERIVED
    assert title_text(second) == "扬州市民政局：“实”字当头 推动主题教育见行见效"
    assert second.title_pieces[0].line == 1 and second.title_pieces[0].col > 30
