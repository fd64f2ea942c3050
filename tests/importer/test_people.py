"""Chairs and speakers: only named people a role title introduces and a verb makes act."""

import pytest

from site_src.importer.people import find_people

# --- people -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "leaders", "speakers", "roles"),
    [
        ("厅党组书记、厅长陈斌主持会议并讲话。", ["陈斌"], [], {"陈斌": "厅党组书记、厅长"}),
        ("近日，湖北省民政厅党组书记杨泽发主持召开党组会议。", ["杨泽发"], [],
         {"杨泽发": "党组书记"}),
        ("省民政厅党组书记、厅长谢晓军主持会议并讲话。", ["谢晓军"], [],
         {"谢晓军": "党组书记、厅长"}),
        ("厅党组书记杨泽发主持会议并讲话，厅长李丽作工作报告。", ["杨泽发"], ["李丽"],
         {"杨泽发": "厅党组书记", "李丽": "厅长"}),
        ("厅长李丽传达习近平总书记重要讲话和会议精神。", [], ["李丽"], {"李丽": "厅长"}),
        ("会议由厅党组书记、厅长姜宏主持。", ["姜宏"], [], {"姜宏": "厅党组书记、厅长"}),
        ("民政部部长陆治原在“部长通道”接受采访。", [], [], {}),
        ("省委易炼红书记对全省学习贯彻工作作出部署。", [], [], {}),
        ("李强总理所作政府工作报告。习近平总书记重要讲话。", [], [], {}),
        ("党委书记任组长；党委书记承担第一责任人职责。", [], [], {}),
        ("副厅长王小明通报情况，二级巡视员张伟发言。", [], ["王小明", "张伟"],
         {"王小明": "副厅长", "张伟": "二级巡视员"}),
    ],
)
def test_leaders_chair_speakers_report_mentions_are_neither(text, leaders, speakers, roles):
    people = find_people(text)
    assert list(people.leaders) == leaders
    assert list(people.speakers) == speakers
    assert people.roles == roles


@pytest.mark.parametrize(
    ("text", "leaders", "speakers"),
    [
        # attendees are not speakers; 出席并讲话 is
        ("副市长郑桐出席会议。", [], []),
        ("副厅长赵六出席并讲话。", [], ["赵六"]),
        ("局长周一鸣主持会议，副局长吴晓兰在会上强调，要抓好落实。", ["周一鸣"], ["吴晓兰"]),
        ("会议由副局长丁一主持。", ["丁一"], []),
        ("副局长甲乙丙、丁戊共同主持会议。", ["甲乙丙", "丁戊"], []),
        # an instruction read out is not a speech
        ("省长钱进作出批示。", [], []),
        # surname + title later counts for the person named earlier
        ("副区长王晓丽、区委常委李四出席。王区长指出，要压实责任。", [], ["王晓丽"]),
        ("王局长表示，要抓好落实。", [], []),  # no full name anywhere: not recorded
        ("局长李丽出席会议。会议指出，要落实。", [], []),
        ("市民政局局长*某主持会议。", [], []),
    ],
)
def test_speech_verbs_attendance_and_titles(text, leaders, speakers):
    people = find_people(text)
    assert list(people.leaders) == leaders
    assert list(people.speakers) == speakers


@pytest.mark.parametrize(
    ("text", "leaders", "speakers"),
    [
        # listed together, speaking together
        ("自治区主席甲乙、民政部部长丙丁在会上讲话。", [], ["甲乙", "丙丁"]),
        ("省民政厅厅长于成和民政部社会事务司副司长余立出席会议并分别致辞。", [], ["于成", "余立"]),
        ("区民政局副局长钱明、孙亮针对各自分管领域进行了工作部署。", [], ["钱明", "孙亮"]),
        # the name before its title; a bare name later
        ("周凯副市长出席会议并讲话。", [], ["周凯"]),
        ("副市长郝林出席会议。郝林指出，要抓好落实。", [], ["郝林"]),
        ("局长白石就全市情况作了汇报。", [], ["白石"]),
        ("徐文副市长带队调研。徐市长在肯定成绩的同时也就养老工作提出相关要求。", [], ["徐文"]),
        # an instruction's author is not a speaker, the one who relays it is
        ("副主任张强同志传达了市长李刚对殡葬工作的批示。", [], ["张强"]),
        ("省长骆明作出重要批示。骆明省长指出，要抓好落实。", [], []),
        # a chair named with a title, chairing later by bare name
        ("市民政局局长马安、副县长张菊参加。马安主持座谈会，张菊致辞。", ["马安"], ["张菊"]),
        ("省委常委会会议和江苏省传达学习全国两会精神会议。", [], []),
    ],
)
def test_lists_name_first_bare_names_and_instructions(text, leaders, speakers):
    people = find_people(text)
    assert list(people.leaders) == leaders
    assert list(people.speakers) == speakers


@pytest.mark.parametrize(
    ("text", "leaders", "speakers"),
    [
        ("市民政局方立明局长主持会议，局机关干部参加。", ["方立明"], []),
        ("会议由政府办副主任柯远主持。", ["柯远"], []),
        ("二级巡视员甲乙、丙丁参加座谈。丙丁对各媒体的支持表示感谢。", [], ["丙丁"]),
        ("郑华厅长在全面总结2014年民政工作时指出：各项工作取得新成绩。", [], ["郑华"]),
        ("市民政局局长杨跃会见了考察团一行，并介绍了全市民政工作。", [], ["杨跃"]),
        ("会前，省委书记王生对民政工作提出要求，省长陈儿会见代表并讲话。", [], ["陈儿"]),
    ],
)
def test_chairs_before_their_title_listed_people_and_before_the_meeting(text, leaders, speakers):
    people = find_people(text)
    assert list(people.leaders) == leaders
    assert list(people.speakers) == speakers


def test_roles_lose_the_place_of_the_organisation_and_are_never_empty():
    people = find_people(
        "温州市副市长苗林指出，要落实。博兴县委书记高国介绍情况。副局长金霞、赵红作了部署。"
    )
    assert people.roles["苗林"] == "副市长" and people.roles["高国"] == "书记"
    assert "赵红" in people.speakers and "赵红" not in people.roles


def test_a_role_longer_than_the_codec_allows_is_left_out():
    roles = "、".join(["副主任"] * 25)  # 99 characters of roles
    people = find_people(f"市民政局{roles}钱力主持会议。")
    assert people.leaders == ("钱力",) and people.roles == {}


@pytest.mark.parametrize("text", [
    "会上，柯小川副局长组织学习了《村务条例》，并提出了贯彻意见。",
    "副局长柯小川就各乡救助现状进行了分析。",
    "柯小川副局长高度评价我县的做法。",
    "副局长柯小川对下步工作提出了三点建议。",
])
def test_unusual_speaking_phrases_make_a_speaker(text):
    assert find_people(text).speakers == ("柯小川",)
