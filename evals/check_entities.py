"""Check evals/entities.jsonl (hand-labelled NER gold sample; see entities_guide.md).

Hard checks (each failure is a PROBLEM):
  - every line is JSON with the expected keys and types; ids unique; split in {dev, test}
  - passage 40-250 characters and found verbatim (whitespace removed on both sides) in its source file
  - every mention text occurs in the passage (after norm), and the mentions can be placed in the
    whitespace-stripped passage left to right, in the order listed, without overlapping
  - person mentions carry post (null or a string printed before the name) and role in {subject, reporter, author};
    place/org mentions carry no post/role
Review scan (each unreviewed hit is a PROBLEM): any string labelled anywhere in the sample, and any token ending
in a place/org suffix, that occurs in a passage outside that passage's labelled spans must be listed in REVIEWED
below with the reason it is deliberately left unlabelled.
Run: python3 evals/check_entities.py  (QJ_CORPUS: the corpus folder, default the shared sample corpus)
"""
import collections, json, os, re, sys, unicodedata
from pathlib import Path

GOLD = str(Path(__file__).resolve().parent / 'entities.jsonl')
CORPUS = os.environ.get('QJ_CORPUS', '/work/shared/corpus/qujiang').rstrip('/') + '/'


def norm(t):
    t = unicodedata.normalize('NFKC', t).lower()
    return ''.join(c for c in t if not c.isspace() and unicodedata.category(c)[0] not in 'PSZ')


def nows(t):
    return re.sub(r'\s', '', t)


# Review list: (passage id, string) -> why it is deliberately left unlabelled (see entities_guide.md).
# A scan hit is accepted when it lies inside an occurrence of a listed string in that passage.
REVIEWED = {
    ('p04', '衢江区2025年项目谋划储备专题会议'): 'meeting name: nothing inside is labelled',
    ('p04', '省、市'): 'bare level words, no name',
    ('p04', '青年衢江'): 'quoted slogan: nothing inside is labelled',
    ('p08', '平武县党政代表团'): 'delegation is not an org; only 平武县 inside it is labelled',
    ('p09', '主办'): 'verb, not an org suffix',
    ('p09', '承办'): 'verb, not an org suffix',
    ('p11', '区委十四届五次全体(扩大)会议'): 'meeting name (guide example): 区委 inside not labelled',
    ('p13', '区主会场'): 'venue word, no name',
    ('p13', '各乡镇(街道办事处)'): 'generic',
    ('p18', '区党政月度工作例会'): 'meeting name',
    ('p19', '多个产业园区'): 'generic',
    ('p20', '卫生院还推行'): 'bare 卫生院 (anaphor, no name)',
    ('p20', '行走的医院'): 'metaphor, generic',
    ('p20', '偏远村庄'): 'generic',
    ('p21', '县(市、区)'): 'generic level words',
    ('p24', '周边村民'): 'generic',
    ('p24', '公司迁回'): 'anaphor 公司 without name',
    ('p24', '家乡'): 'generic',
    ('p25', '单村'): 'generic',
    ('p25', '周边10个村'): 'generic',
    ('p29', '全镇'): 'generic (廿里 before it is labelled)',
    ('p29', '镇村干部'): 'generic',
    ('p31', '省、市'): 'bare level words, no name',
    ('p32', '区政府第11次常务会议'): 'meeting name',
    ('p35', '残疾人之家'): 'facility type, not an entity',
    ('p37', '现场办公'): 'verb phrase',
    ('p40', '村里'): 'generic',
    ('p40', '老年幸福食堂'): 'facility, not an entity (the village before it is labelled)',
    ('p43', '基层商会'): 'generic type of body without a name',
    ('p43', '乡贤会'): 'generic type of body without a name',
    ('p43', '专家博士团'): 'team, not an org; 九学社 and 省农科院 before it are labelled',
    # p44-p83 (added for organisation and place recall; all dev)
    ('p44', '乡镇'): 'generic',
    ('p47', '布局'): 'word, not an org suffix',
    ('p47', '办公区'): 'word, not an org suffix',
    ('p49', '以病人为中心'): 'phrase, not an org',
    ('p51', '医院运行'): 'anaphor 医院 without name',
    ('p51', '新院区'): 'word, not an org',
    ('p51', '医院组织'): 'anaphor 医院 without name',
    ('p51', '新院搬迁'): 'word, not an org',
    ('p55', '衢江区人才积分管理办法(试行)'): 'document title in 《》: nothing inside is labelled',
    ('p55', '举办'): 'verb, not an org suffix',
    ('p55', '返乡'): 'word, not a place',
    ('p56', '产业园'): 'generic (我区产业园: no name)',
    ('p56', '布局'): 'word, not an org suffix',
    ('p56', '政协民主监督'): 'generic (the function, not the body)',
    ('p57', '中心已建'): 'anaphor 中心 without name',
    ('p57', '中心配备'): 'anaphor 中心 without name',
    ('p58', '政府办卫生室'): 'kind of clinic (government-run), no name',
    ('p58', '个体办卫生室'): 'kind of clinic (privately run), no name',
    ('p58', '该卫生院'): 'anaphor with a demonstrative',
    ('p59', '全省'): 'generic',
    ('p59', '7省32市'): 'generic count of provinces and cities',
    ('p61', '村党支部'): 'bare 村党支部 of the village already named: no name printed with it',
    ('p61', '村庄'): 'generic',
    ('p61', '乡村振兴'): 'generic',
    ('p62', '本村'): 'generic',
    ('p62', '周边村民'): 'generic',
    ('p62', '带动村民'): 'generic',
    ('p63', '中心镇'): 'generic level word (a central town)',
    ('p63', '省小城市培育试点'): 'generic (a provincial pilot programme)',
    ('p63', '区委全会'): 'meeting name: nothing inside is labelled',
    ('p64', '城镇'): 'generic',
    ('p64', '以人民为中心'): 'phrase, not an org',
    ('p64', '城市副中心'): 'generic (a sub-centre of the city)',
    ('p65', '强村富民'): 'quoted slogan',
    ('p65', '乡村集成改革'): 'generic',
    ('p65', '省级'): 'generic',
    ('p65', '省市'): 'bare level words, no name',
    ('p68', '布局'): 'word, not an org suffix',
    ('p68', '公办'): 'word (publicly run), not an org',
    ('p69', '全省'): 'generic',
    ('p72', '村内'): 'generic',
    ('p72', '村干部会'): 'generic meeting of village cadres',
    ('p73', '优秀村'): 'generic',
    ('p73', '兴村治社'): 'generic',
    ('p73', '强村富民'): 'generic',
    ('p74', '党组织书记'): 'generic (党组织, not 党组)',
    ('p74', '治村'): 'generic',
    ('p74', '村干部'): 'generic',
    ('p74', '办结'): 'verb, not an org suffix',
    ('p75', '产业园已售出'): 'anaphor 产业园 (the park named before)',
    ('p75', '文化产业园'): 'anaphor, a shortened mention of the park named before, not a name on its own',
    ('p75', '村集体'): 'generic',
    ('p76', '村里'): 'generic',
    ('p77', '行政村'): 'generic',
    ('p77', '联村'): 'generic',
    ('p78', '为水库'): 'generic',
    ('p78', '小型水库'): 'generic',
}
# house-level leadership bodies that are NOT labelled when they only form a person's rank title (post)
HOUSE = {'区委', '区政府', '区人大常委会', '区政协', '市委', '市人大常委会', '县委', '省委'}

SUFFIXES = ['镇', '乡', '村', '街道', '局', '集团', '公司', '中心', '医院', '分院', '中学', '小学', '学校', '协会', '党委',
            '党支部', '党组', '卫生院', '常委会', '委员会', '县', '省', '区委', '政府', '政协', '人大常委会', '产业园', '港区',
            '新城', '水库', '办', '院', '厂']


def main():
    problems = []
    P = problems.append
    rows = []
    for ln, line in enumerate(open(GOLD, encoding='utf-8'), 1):
        try:
            rows.append(json.loads(line))
        except Exception as e:
            P(f'line {ln}: bad JSON {e}')
    ids = [r.get('id') for r in rows]
    for d in [i for i, c in collections.Counter(ids).items() if c > 1]:
        P(f'duplicate id {d}')
    src_cache = {}
    labelled_texts = {m['text'] for r in rows for m in r.get('mentions', []) if isinstance(m, dict) and 'text' in m}
    used_reviewed = set()
    for r in rows:
        rid = r.get('id')
        for k, typ in [('id', str), ('split', str), ('source', str), ('passage', str), ('mentions', list)]:
            if not isinstance(r.get(k), typ):
                P(f'{rid}: key {k} missing or not {typ.__name__}')
        if set(r) - {'id', 'split', 'source', 'passage', 'mentions'}:
            P(f'{rid}: extra keys {set(r) - {"id", "split", "source", "passage", "mentions"}}')
        if r.get('split') not in ('dev', 'test'):
            P(f'{rid}: bad split {r.get("split")}')
        p = r.get('passage', '')
        if not 40 <= len(p) <= 250:
            P(f'{rid}: passage length {len(p)} outside 40-250')
        try:
            if r['source'] not in src_cache:
                src_cache[r['source']] = nows(open(CORPUS + r['source'], encoding='utf-8').read())
            if nows(p) not in src_cache[r['source']]:
                P(f'{rid}: passage not found verbatim in {r["source"]}')
        except OSError as e:
            P(f'{rid}: cannot read source: {e}')
        sp = nows(p)
        npas = norm(p)
        pos = 0
        spans = []
        for j, m in enumerate(r.get('mentions', [])):
            t = m.get('text', '')
            typ = m.get('type')
            if typ not in ('person', 'place', 'org'):
                P(f'{rid} m{j}: bad type {typ}')
            if not t or norm(t) not in npas:
                P(f'{rid} m{j}: text {t!r} not in passage (norm)')
                continue
            k = sp.find(nows(t), pos)
            if k < 0:
                P(f'{rid} m{j}: {t!r} cannot be placed after position {pos} (order/overlap/count)')
                continue
            spans.append((k, k + len(nows(t)), m))
            pos = k + len(nows(t))
            if typ == 'person':
                if set(m) != {'text', 'type', 'post', 'role'}:
                    P(f'{rid} m{j}: person keys {sorted(m)}')
                if m.get('role') not in ('subject', 'reporter', 'author'):
                    P(f'{rid} m{j}: bad role {m.get("role")}')
                post = m.get('post')
                if post is not None:
                    if not isinstance(post, str) or not post:
                        P(f'{rid} m{j}: bad post {post!r}')
                    else:
                        q = nows(post)
                        direct = sp[max(0, k - len(q)):k] == q
                        # a post shared by a 、-list: 副主任严士平、余水林 -> the post precedes the list head
                        listed = False
                        if not direct:
                            b = sp.rfind(q, 0, k)
                            listed = b >= 0 and re.fullmatch(r'(?:[\u4e00-\u9fff]{2,4}、)+', sp[b + len(q):k]) is not None
                        if not (direct or listed):
                            P(f'{rid} m{j}: post {post!r} not printed directly before {t!r}')
                if m.get('role') == 'reporter' and post is not None:
                    P(f'{rid} m{j}: reporter credit should have post null')
            else:
                if set(m) != {'text', 'type'}:
                    P(f'{rid} m{j}: {typ} mention has keys {sorted(m)}')
        # review scan: labelled strings / suffix tokens outside labelled spans
        covered = [False] * len(sp)
        for a, b, _ in spans:
            for i in range(a, b):
                covered[i] = True
        postreg = [False] * len(sp)   # printed posts of labelled persons
        for a, b, m in spans:
            if m.get('type') == 'person' and m.get('post'):
                q = nows(m['post'])
                c = sp.rfind(q, 0, a)
                if c >= 0:
                    for i in range(c, c + len(q)):
                        postreg[i] = True
        rev = []
        for (pid, s_), why in REVIEWED.items():
            if pid == rid:
                q = nows(s_)
                occ = [(mm.start(), mm.start() + len(q)) for mm in re.finditer(re.escape(q), sp)]
                if not occ:
                    P(f'{rid}: REVIEWED string {s_!r} not in passage')
                rev += occ
                used_reviewed.add((pid, s_))
        hits = set()
        for t in labelled_texts:
            q = nows(t)
            for mm in re.finditer(re.escape(q), sp):
                a, b = mm.start(), mm.end()
                if any(covered[a:b]):
                    continue          # overlaps a labelled span: part of a longer labelled name
                if q in HOUSE and all(postreg[a:b]):
                    continue          # bare house body inside a rank title
                hits.add((a, b))
        for suf in SUFFIXES:
            for mm in re.finditer(re.escape(suf), sp):
                a, b = mm.start(), mm.end()
                if any(covered[a:b]) or all(postreg[a:b]):
                    continue
                hits.add((a, b))
        for a, b in sorted(hits):
            if any(x <= a and b <= y for x, y in rev):
                continue
            P(f'{rid}: unlabelled candidate {sp[a:b]!r} at {a}: ...{sp[max(0, a - 8):b + 6]}...')
    for kk in REVIEWED:
        if kk not in used_reviewed:
            P(f'REVIEWED entry for unknown passage {kk}')
    # summary
    n = collections.Counter(r['split'] for r in rows)
    mt = collections.Counter((r['split'], m['type']) for r in rows for m in r['mentions'])
    roles = collections.Counter((r['split'], m['role']) for r in rows for m in r['mentions'] if m['type'] == 'person')
    srcs = collections.Counter((r['source'][:3], r['split']) for r in rows)
    print('passages:', dict(n), 'total', len(rows), f"test share {n['test'] / len(rows):.0%}")
    print('passages by issue/split:', dict(sorted(srcs.items())))
    for s in ('dev', 'test'):
        tot = sum(v for (ss, _), v in mt.items() if ss == s)
        print(f'{s}: mentions {tot}  ' + '  '.join(f'{t} {mt[(s, t)]}' for t in ('person', 'place', 'org'))
              + '  | person roles ' + ', '.join(f'{k[1]} {v}' for k, v in sorted(roles.items()) if k[0] == s))
    print('all: mentions', sum(mt.values()), '  '.join(f'{t} {mt[("dev", t)] + mt[("test", t)]}' for t in ('person', 'place', 'org')))
    print(f'PROBLEMS: {len(problems)}')
    for p in problems:
        print('  ', p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
