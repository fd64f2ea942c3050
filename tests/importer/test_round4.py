"""Rules added after probe5 (25 unseen reports): people named with a bureau before
them or with less common roles, places that are not the report's (a person's name,
a document's title, a wire agency's dateline), reprint credits and media-centre
bylines as credits. All wording is invented."""

from site_src.importer.bulletin import normalised_lines
from site_src.importer.credits import credit_content, credit_spans, reprint_line
from site_src.importer.metadata import credit_source
from site_src.importer.people import find_people
from site_src.importer.split import split_reports
from site_src.importer.titles import plain_title_text
from tests.importer.probe_helpers import place as _place
from tests.importer.probe_helpers import start_lines as _starts

# --- people ------------------------------------------------------------------


def test_a_bureau_before_a_name_and_its_title():
    text = "随后，救助科方明远科长作了讲话。民政部某司葛亮副司长就救助工作进行了专门讲解。"
    assert find_people(text).speakers == ("方明远", "葛亮")


def test_a_party_committee_before_a_name_is_another_bodys_meeting():
    text = "会议强调，4月2日，省委召开会议，省委丁一峰书记对全省工作作出部署。"
    assert find_people(text).speakers == ()


def test_a_name_does_not_swallow_the_word_after_it():
    assert find_people("市委书记韩立在会上强调，要抓好落实。").speakers == ("韩立",)
    assert find_people("局党组书记、局长杜宁作总结讲话。").speakers == ("杜宁",)


def test_acting_heads_clerks_and_group_leaders_are_roles():
    assert find_people("代理县长蒋川主持会议。").leaders == ("蒋川",)
    assert find_people("县养老工作领导小组副组长俞江主持会议。").leaders == ("俞江",)
    assert find_people("二级主任科员罗小梅传达了文件精神。").speakers == ("罗小梅",)
    assert find_people("社会事务科长柳青就近期工作作了通报。").speakers == ("柳青",)
    assert find_people("区领导钱塘出席会议。钱塘表示，要办好实事。").speakers == ("钱塘",)


def test_more_ways_to_speak():
    assert find_people("副局长魏然现场介绍了新政策。").speakers == ("魏然",)
    text = "党组成员、副局长包容代表局党组向老兵致以节日问候。"
    assert find_people(text).speakers == ("包容",)
    text = "州委副书记、代州长欧阳平率队汇报工作。欧阳平代表州委、州政府汇报了全州情况。"
    assert find_people(text).speakers == ("欧阳平",)


# --- places ------------------------------------------------------------------


def test_a_persons_name_is_no_place():
    text = "近日，县民政局局长许朝阳到敬老院调研。许朝阳表示，要做好服务。"
    assert _place(text) == (None, None)


def test_a_documents_title_is_no_place():
    text = "4月9日，在局二楼会议室召开推进会。会上传达了《湖南省民政厅关于做好排查工作的通知》。"
    assert _place(text) == (None, None)


def test_a_wire_agencys_dateline_is_not_where_the_report_is_from():
    text = "据新华社北京电 （记者 某某）民政部12日召开全国视频会议，部署救助工作。"
    assert _place(text) == (None, None)


def test_an_autonomous_prefectures_short_name_with_zhou():
    text = "7月2日，红河州民政局召开养老工作会议。"
    assert _place(text) == ("云南省", "红河哈尼族彝族自治州")


def test_a_county_short_name_before_its_news_site():
    text = "泸溪新闻网讯（记者 某某）5月3日，县慈善会召开理事会议。"
    assert _place(text) == ("湖南省", "湘西土家族苗族自治州")


# --- credits -------------------------------------------------------------------


def test_a_reprint_credit_is_a_credit_with_its_paper_as_source():
    assert reprint_line("------转自《江城晚报》3月2日A05")
    assert reprint_line("本文由某某网络转自江城市人民政府网")
    assert not reprint_line("会议指出，该文转自人民网")
    line = "------转自《江城晚报》3月2日A05"
    assert credit_spans(line, plain_title_text) == [(0, len(line))]
    assert credit_source(["会议要求抓好落实。", line]) == "江城晚报"


def test_a_media_centre_byline_credit_names_its_centre():
    content = "江城市融媒体中心记者 甲乙 丙丁 实习生 戊己"
    assert credit_content(content)
    assert credit_source(["会议要求抓好落实。", f"（{content}）"]) == "江城市融媒体中心"


FIRST = ("5月8日，江州市民政局召开养老服务推进会，部署全年任务。局长柯一帆主持会议。\n"
         "各县区民政局分管负责同志参加会议。\n")
SECOND = "6月3日，云川县民政局召开殡葬改革工作会议，部署清明工作。\n"


def test_a_report_ends_with_a_reprint_credit_even_wrapped():
    assert _starts(FIRST + "------转自《江城晚报》3月2日A05\n" + SECOND) == [1, 4]
    wrapped = FIRST + "\n------转自《江城\n\n晚报》3月2日A05\n\n" + SECOND
    assert len(_starts(wrapped)) == 2
    cut = FIRST + "\n------转自《江城晚报》\n\n 3 月2日A05\n\n" + SECOND
    reports = split_reports(normalised_lines(cut))
    assert len(reports) == 2 and reports[1].start_line == 8


def test_a_report_ends_with_a_media_centre_byline_credit():
    text = FIRST + "（江城市融媒体中心记者 甲乙 实习生 戊己）\n" + SECOND
    assert _starts(text) == [1, 4]


def test_a_line_about_a_delegation_cut_by_a_page_break_is_no_title():
    text = ("3月5日，江州市民政局副局长柯二一行来我县开展结对帮扶交流。\n\n"
            "柯二副局长一行深入清河镇\n\n\n\n"
            "东湖村，走访慰问了困难家庭。随后，柯二副局长一行来到清河镇敬老院，"
            "柯二副局长现场指导。\n")
    assert _starts(text) == [1]


# --- a visit told by its host; a newspaper lede ----------------------------------


def test_the_visitors_city_is_not_the_hosts():
    visit = "3月5日，天长市民政局副局长柯二一行来我县开展结对帮扶交流。柯二表示，要深化合作。"
    assert _place(visit) == (None, None)
    assert _place(visit + "\n（萧县民政局）") == ("安徽省", "宿州市")
    # A provincial bureau visiting one of its own cities still names the province.
    assert _place("3月5日，浙江省民政厅副厅长柯二来我市调研养老服务。") == ("浙江省", None)


def test_a_newspaper_lede_may_name_the_meeting_before_its_date():
    text = FIRST + "为推进养老服务发展，江州市养老服务现场推进会昨天举行。市长柯三主持会议。\n"
    assert _starts(text) == [1, 3]


def test_a_day_without_its_month_dates_by_the_meetings_year_only():
    from site_src.importer.dates import report_date

    found = report_date("", "据新华社北京电 民政部12日召开2030年清明节祭扫工作视频会议，部署工作。")
    assert (found.date.year, found.date.month, found.text) == (2030, None, "12日")
    found = report_date("", "民政部12日在京召开全国视频会议，部署工作。")
    assert (found.date, found.text) == (None, "12日")


# --- found on the held-out reports (probe5/holdout) -------------------------------


def test_a_party_group_is_no_name():
    assert find_people("会上，县民政局局党组书记代表局党组作表态发言。").speakers == ()


def test_a_slogan_word_is_no_county_and_a_countys_own_document_names_it():
    assert _place("4月8日，全县民政工作会议召开。会议要求建设平安民政、廉洁民政。") == (None, None)
    text = "4月8日，全县民政工作会议召开。会议宣读了《宝丰县民政局关于表彰先进单位的决定》。"
    assert _place(text) == ("河南省", "平顶山市")


def test_an_ambiguous_short_name_is_no_place():
    # 巴州 is 巴中's 巴州区 and the everyday short name of 巴音郭楞州: the county decides.
    text = "2月14日，巴州民政局调研组莅临博湖县督导工作，县民政局班子成员参加调研。"
    assert _place(text) == ("新疆维吾尔自治区", "巴音郭楞蒙古自治州")


def test_today_with_the_date_in_brackets_is_that_date():
    from site_src.importer.dates import report_date

    found = report_date("", "今天（8月10日）上午，全省婚俗改革现场会在某区举行。")
    assert (found.date, found.text) == (None, "8月10日")
    assert report_date("", "今天上午，全省婚俗改革现场会在某区举行。").text is None


def test_a_county_head_who_is_also_on_the_committee_opens_a_lede():
    text = FIRST + "2030年12月5日上午，县委副书记、县长柯四到县民政局调研，副县长参加调研。\n"
    assert _starts(text) == [1, 3]
    # The committee itself acting is another body's meeting, no lede.
    text = FIRST + "3月12日上午，县委召开全县干部会议，传达有关精神。\n"
    assert _starts(text) == [1]


def test_a_title_then_today_with_its_date_in_brackets_starts_a_report():
    text = ("5月8日，江州市民政局召开养\n\n老服务推进会，部署全年任务\n\n"
            "。局长柯一帆主持会议。各县\n\n"
            "区民政局分管负责同志参加会\n\n议。\n\n 全省婚俗改革现场会在某区召开\n\n"
            "今天（8月10日）上午，“醉\n\n美某区”——全省婚俗改革现\n\n场会在某区湖畔举行。与会人\n\n"
            "员参观了婚姻登记处。\n")
    assert _starts(text) == [1, 11]


def test_a_long_first_clause_of_a_wrapped_lede_is_read_whole():
    text = ("5月8日，江州市民政局召开养\n\n老服务推进会，部署全年任务\n\n"
            "。局长柯一帆主持会议。各县\n\n"
            "区民政局分管负责同志参加会\n\n议。\n\n 全省婚俗改革宣传现场会在某区召开\n\n"
            "今天（8月10日）上午，“醉\n\n美某区·缘定七夕”——全省\n\n婚俗改革宣传现场会暨某市某\n\n"
            "区第二届集体婚礼暨婚俗文化\n\n展示活动在某区某湖国家湿地\n\n公园景区举行。与会人员参观\n\n"
            "了婚姻登记处。\n")
    assert _starts(text) == [1, 11]


def test_a_quoted_topic_sentence_then_a_dated_lede_starts_a_report():
    text = FIRST + ("“重阳”作为敬老的传统节日，承载着尊老爱老的美德。为弘扬敬老新风，"
                    "10月4日，云川县民政局联合县妇联举办了敬老宴活动。\n")
    assert _starts(text) == [1, 3]


def test_a_literary_opener_then_the_dated_event_sentence():
    from site_src.importer.dates import report_date

    lede = "金风送爽，丹桂飘香。为倡导文明新风，某区于9月9日在某园举办集体颁证仪式。"
    found = report_date("", lede, 2031).date
    assert (found.year, found.month, found.day) == (2031, 9, 9)
    # A first sentence about the event's people still counts alone.
    assert report_date("", "厅领导参加会议。3月14日另行部署。", 2031).date is None


def test_a_welcome_address_is_a_speech():
    assert find_people("区委宣传部副部长刘明明致欢迎词。").speakers == ("刘明明",)
