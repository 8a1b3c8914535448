"""A key sentence that leans on the one before it names its subject, marked as the editor's (〔张文〕), and the
verifier accepts exactly that: the name printed in the cited article before the pronoun or pointer it replaces,
the rest of the sentence as printed. Real tokenizer; the sample weeks through the real archive."""

from __future__ import annotations

import pytest

from rag.brief.dates import parse_week
from rag.brief.subjects import name_subject, name_subjects
from rag.cite.supplied import restore
from rag.cite.verify import Verifier
from rag.index.tokenize import Tokenizer
from rag.service import Service
from rag.settings import Settings

# invented text (not from the sample corpus)
TEAM = ["日前，测试科技公司专家团队为测试水泥厂定制了数字化解决方案。",
        "该专家团队负责人陈明远是北京邮电大学博士，拥有10多项发明专利。",
        "三年前，他带领博士团队进驻测试县企业数字赋能中心，累计为县内46家企业提供数字化服务232人次。"]
PARK = ["12月14日，县委书记周明远深入经济园区、企业车间调研重点企业。",
        "作为今后峡川工业招商主平台，峡川镇数字经济产业园目前已入驻多家企业。",
        "园区1-11月实现规上工业产值4.1亿元。"]


@pytest.fixture(scope="module")
def tokenizer():
    return Tokenizer()


def test_a_pronoun_or_a_pointer_gets_the_one_name_before_it(tokenizer):
    named = name_subject(TEAM[2], 2, TEAM, 0, tokenizer.tags)
    assert named == TEAM[2].replace("他", "〔陈明远〕")
    assert name_subject(PARK[2], 2, PARK, 0, tokenizer.tags) == "〔峡川镇数字经济产业园〕1-11月实现规上工业产值4.1亿元。"
    # the cut sentence of a briefing is named the same way
    cut = "三年前，他带领博士团队进驻测试县企业数字赋能中心。"
    assert name_subject(cut, 2, TEAM, 0, tokenizer.tags) == "三年前，〔陈明远〕带领博士团队进驻测试县企业数字赋能中心。"


def test_no_name_is_written_without_exactly_one_candidate(tokenizer):
    two = [TEAM[0], "负责人陈明远和副负责人李文华都是北京邮电大学博士。", TEAM[2]]
    assert name_subject(TEAM[2], 2, two, 0, tokenizer.tags) == TEAM[2]  # two people: who is 他?
    none = [TEAM[0], "该专家团队拥有10多项发明专利。", TEAM[2]]
    assert name_subject(TEAM[2], 2, none, 0, tokenizer.tags) == TEAM[2]  # nobody named before
    plural = TEAM[2].replace("他", "他们")
    assert name_subject(plural, 2, TEAM, 0, tokenizer.tags) == plural  # a group, not the one person
    meeting = [PARK[0], PARK[1], "会议研究了园区建设等事项。"]
    assert name_subject(meeting[2], 2, meeting, 0, tokenizer.tags) == meeting[2]  # 会议 points at nothing


def test_a_name_supplied_once_is_not_supplied_again_in_the_next_sentence(tokenizer):
    sentences = ["全国涌现出一批基层医疗卫生机构。", "樟潭街道社区卫生服务中心位于城区，服务近10万人口。",
                 "在公共卫生领域，中心已建立58392份居民健康档案。", "中心配备多种先进设备，年接诊儿童患者3659人次。"]
    out = name_subjects({2: sentences[2], 3: sentences[3]}, sentences, 0, tokenizer.tags)
    assert out == {2: "在公共卫生领域，〔樟潭街道社区卫生服务中心〕已建立58392份居民健康档案。", 3: sentences[3]}


def test_the_verifier_accepts_the_editors_name_and_refuses_a_made_up_or_misplaced_one(tokenizer):
    verifier = Verifier.for_tokenizer(tokenizer)
    article = "".join(TEAM)
    named = TEAM[2].replace("他", "〔陈明远〕")
    assert restore(named, article) == TEAM[2]
    assert verifier.check(named, [article])[0]
    assert not verifier.check(TEAM[2].replace("他", "〔李明华〕"), [article])[0]  # not printed in the article
    later = TEAM[0] + TEAM[2] + "记者采访了王建国。"
    assert not verifier.check(TEAM[2].replace("他", "〔王建国〕"), [later])[0]  # printed only after: no antecedent
    assert not verifier.check(named.replace("三年前", "五年前"), [article])[0]  # the rest must be as printed
    assert not verifier.check(named.replace("46家", "64家"), [article])[0]
    # a mark may only replace a pronoun or a pointer the name fits, not other words of the sentence
    assert not verifier.check(TEAM[2].replace("博士团队", "〔陈明远〕"), [article])[0]
    assert verifier.check(PARK[2].replace("园区", "〔峡川镇数字经济产业园〕"), ["".join(PARK)])[0]
    assert not verifier.check(PARK[2].replace("园区", "〔测试县企业车间〕"), ["".join(PARK)])[0]


def test_sample_weeks_name_the_subject_of_a_leaning_key_sentence(corpus_home):
    service = Service(Settings(home=corpus_home))
    youth = next(i for i in service.brief(*parse_week("2023-W34")).items() if "强磁场" in i.headline)
    assert "三年前，〔张文〕看好衢江的发展空间" in youth.text and "46家企业" in youth.text and youth.supported
    visit = next(i for i in service.brief(*parse_week("2023-W50")).items() if i.headline == "王慧杰走访调研重点企业")
    assert "〔衢江数字经济产业园〕1-11月实现规上工业产值4.1亿元" in visit.text and visit.supported
    assert "天募控股直播培训基地" in visit.text  # the visit's stops stay listed
