"""Rules added after probe7 (23 reports none of the earlier sets lists, measured
first on main, then used to find failure kinds): datelines ending 消息, bylines
run into the lede behind a box mark, ledes opening on a season or a scene, an
undated report followed by a dated one of the same body, writers set apart by a
space, county names read across a word, study-trip destinations, titles after a
surname, deputies by surname, credits `（报名：作者）`. All wording is invented."""

from site_src.importer.credits import credit_source
from site_src.importer.metadata import read_metadata
from site_src.importer.people import find_people
from site_src.importer.titles import derive_title
from tests.importer.probe_helpers import openings as _starts
from tests.importer.probe_helpers import place as _place
from tests.importer.probe_helpers import reports as _reports


def test_a_dateline_ending_xiaoxi_starts_a_report():
    text = "\n".join([
        "5月6日，东岭县民政局召开养老服务工作会议。会议部署了全年任务。",
        "各乡镇分管负责人作了交流。",
        "本报消息（记者 方远）近日，县民政局组织社工骨干赴外地参加培训。",
        "参训人员表示收获很大。",
        "北湖网南坪消息 9月2日上午，南坪镇民政办开展敬老院安全检查。",
        "检查组查看了消防设施。",
    ])
    assert _starts(text) == ["5月6日，东", "本报消息（记", "北湖网南坪消"]


def test_a_byline_behind_a_box_mark_opens_a_report_and_no_title():
    text = "\n".join([
        "6月3日，西岗区民政局召开社区工作推进会。会议部署了换届准备工作。",
        "□通讯员 林小溪 为迎接重阳节，近日，春晖社区联合会组织志愿者看望高龄老人。",
        "志愿者为老人们送上了慰问品。",
    ])
    assert len(_reports(text)) == 2
    assert derive_title("□通讯员林小溪为迎接重阳节，近日，春晖社区联合会组织志愿者看望高龄老人。") \
        == "春晖社区联合会组织志愿者看望高龄老人"


def test_a_reporters_source_clause_is_no_derived_title():
    title = derive_title("记者8日从北江省民政厅获悉，为方便群众办事，该省将推行跨省通办。")
    assert "记者" not in title and "获悉" not in title


def test_a_season_drawing_near_opens_a_report():
    text = "\n".join([
        "3月9日，城西区民政局召开殡葬改革推进会。会议部署了清明工作。",
        "会议要求各街道压实责任。",
        "新春佳节将至，为关心困难群众生活，1月20日，县民政局联合爱心企业到河湾村开展慰问活动。",
        "工作人员为困难群众送去了米面油。",
        "2019年春节临近，为关爱优抚对象，县政府责成东坡县民政局从1月25日起开展节日慰问。",
        "慰问组走访了各乡镇。",
    ])
    assert len(_reports(text)) == 3


def test_scene_setting_before_the_actor_still_makes_a_lede():
    text = "\n".join([
        "8月2日，南川县民政局召开社会救助工作会议。会议通报了上半年工作。",
        "各股室负责人参加会议。",
        "1月18日，春节即将来临之际，东平县委常委、宣传部长宋一帆，县政协副主席韩梅及县民政局"
        "相关人员一行到石桥村开展走访慰问。",
        "慰问组送去了慰问金。",
        "近日，寒潮来袭，气温骤降。为保障老人温暖过冬，青石镇镇长程立带领民政办人员深入镇敬老院，"
        "检查取暖设施。",
        "程镇长强调，要把老人冷暖放在心上。",
    ])
    assert len(_reports(text)) == 3


def test_a_dated_report_after_an_undated_one_of_the_same_body():
    text = "\n".join([
        "近日，市民政局组织社会组织负责人赴外地学习交流。",
        "截至目前，全市已开展培训交流20余场次。",
        "9月3日上午，市民政局召开文明城市创建推进会议。局长韩青出席会议并讲话。",
        "会议部署了迎检任务。",
    ])
    assert len(_reports(text)) == 2


def test_a_writer_set_apart_by_a_space_ends_a_report_in_long_lines():
    text = "\n".join([
        "本报讯 3月5日，民政部调研组一行到东坪县调研婚俗改革工作。调研组指出，"
        "要进一步完善工作机制，为全面推开改革积累经验。 赵晓",
        "2020年春节临近，为关爱困难群众，县委、县政府责成县民政局从1月15日开始开展节日慰问。",
        "工作人员逐户送去慰问金。",
    ])
    assert len(_reports(text)) == 2


def test_a_two_character_county_is_not_read_across_a_word():
    text = ("2月1日，为做好节日慰问，县委责成县民政局开展走访，全县已完成县乡两级排查。"
            "（云梦县民政局 李青）")
    assert _place(text) == ("湖北省", "孝感市")
    # after a preposition or its city it is the county
    assert _place("3月2日，市民政局调研组到成县民政局调研。") == ("甘肃省", "陇南市")
    assert _place("3月2日，江苏沛县民政局召开会议。") == ("江苏省", "徐州市")


def test_a_study_trip_destination_is_not_the_reports_place():
    text = "近日，市民政局组织全市社会组织负责人前往浙江杭州开展学习交流活动。"
    assert _place(text) == (None, None)
    text = "近日，宜宾市民政局组织干部赴江苏苏州考察学习养老服务工作。"
    assert _place(text) == ("四川省", "宜宾市")


def test_a_county_named_in_a_dateline_ending_xiaoxi():
    text = "今日竹溪网消息 3月4日，县民政局召开婚姻登记工作会议。"
    assert _place(text) == ("湖北省", "十堰市")


def test_a_season_lede_of_the_same_body_on_another_day_opens_a_report():
    text = "\n".join([
        "新春佳节将至，为关心困难群众生活，1月20日，县民政局到河湾村开展慰问活动。",
        "工作人员为困难群众送去了米面油。",
        "2019年春节临近，为关爱优抚对象，县委责成县民政局从2月9日开始开展节日慰问。",
        "慰问组走访了各乡镇。",
    ])
    assert len(_reports(text)) == 2


def test_a_deputy_named_by_surname_is_the_one_named_before_not_a_name_ending_fu():
    text = ("5月6日，省民政厅养老服务处王明远副处长一行3人到东河区检查敬老院安全工作。"
            "王副处长对敬老院的安全管理给予高度评价。")
    assert find_people(text).speakers == ("王明远",)


def test_titles_after_a_standing_committee_or_a_town():
    text = "4月2日，县人大常委会副主任孙立新率队调研养老服务工作。孙立新强调，要补齐短板。"
    assert find_people(text).speakers == ("孙立新",)
    text = "近日，青石镇镇长程立带领民政办人员深入敬老院检查。程镇长强调，要守牢安全底线。"
    assert find_people(text).speakers == ("程立",)


def test_a_guest_who_came_to_teach_and_spoke_by_surname():
    text = ("近日，春晖社区开展党课活动，特邀区民政局社团科科长吕文前来授课，"
            "吕科长结合自身工作经验，强调了规范化建设的重要性。")
    assert find_people(text).speakers == ("吕文",)


def test_a_paper_and_its_writer_after_a_colon_is_a_credit():
    assert credit_source("（青川日报：林木）") == "青川日报"
    text = "\n".join([
        "6月3日，西岗区民政局召开社区工作推进会。会议部署了换届准备工作。（青川日报：林木）",
        "1月20日，南湖县民政局到河湾村开展慰问活动。",
    ])
    reports = _reports(text)
    assert len(reports) == 2
    assert "林木" in reports[0].attribution.text


def test_a_festival_named_with_its_year_dates_the_visits_for_it():
    text = "2021年春节临近，为关爱困难群众，县民政局从2月3日开始开展走访慰问。"
    meta = read_metadata("", text.split("\n"))
    assert meta.date.date.iso() == "2021-02-03"
    # a December eve is not in the festival's year
    text = "2021年春节临近，为关爱困难群众，县民政局从12月28日开始开展走访慰问。"
    assert read_metadata("", text.split("\n")).date.date is None
