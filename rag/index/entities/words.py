"""The word lists the entity extractor reads a county paper with (pure data, no logic).

Surnames decide whether two or three characters after a post can be a person's name; post heads end the
titles printed before names; suffixes make places and organisations; boundary words are what a county paper
prints right before a name (prepositions, the verbs of visits and meetings), so a name is cut where they end;
generic stems are words that carry a suffix without being a name (全镇, 乡村, 基层商会).
"""

from __future__ import annotations

# single-character surnames (百家姓 and the common ones it leaves out, such as 贵 in 贵丽青)
HOME = frozenset({"衢江", "衢江区", "衢州", "衢州市", "浙江", "浙江省", "中国"})  # where every story happens
SURNAMES = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马"
    "苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛"
    "汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏"
    "蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄"
    "曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙"
    "叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴郁胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑"
    "桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄"
    "阙东殴殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公"
    "贵付覃肖郑丛揭晋蓝练钞"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "端木")

# the last word of a post printed before a name (区委书记王慧杰, 驻村干部柴成刚, 衢江市民邵小刚), longest first
POST_HEADS = tuple(sorted(set(
    "书记 副书记 第一书记 区长 副区长 代区长 县长 副县长 代县长 市长 副市长 代市长 省长 副省长 镇长 副镇长 乡长 副乡长 "
    "主任 副主任 常务副主任 局长 副局长 部长 副部长 主席 副主席 常委 委员 院士 院长 副院长 校长 副校长 所长 副所长 "
    "站长 组长 副组长 会长 副会长 秘书长 理事长 董事长 副董事长 总经理 副总经理 经理 负责人 干部 工作人员 队长 "
    "副队长 馆长 社长 总编辑 主编 医生 医师 主任医师 护士 护士长 教师 老师 教授 专家 村民 市民 居民 学生 志愿者 "
    "老兵 厂长 行长 检察长 庭长 处长 科长 团长 主播 创始人 网格员 民警 律师 法官 调解员 指导员 政委 特派员 "
    "联络员 专员 总监 主管 店长 园长 班长 代表 农户 种植户 养殖户 村医 乡贤 技术员 工程师 "
    "总工程师 讲师 研究员 博士 同学 小朋友 退役军人 老党员 支书 员工 职工 店主 老板 业主 家长".split()
), key=len, reverse=True))

# heads that are titles after a name (习近平总书记): the name is a person, its post is not printed before it
TITLES_AFTER = ("总书记", "同志", "主席", "总理", "院士")

# a person's name is taken only when followed by one of these or by punctuation (贵青主持, 赵琳率领): it decides
# between a two- and a three-character name
FOLLOW = tuple(sorted(set(
    "主持 率领 率队 率 参加 出席 陪同 介绍 表示 指出 强调 说 讲话 带队 带领 一行 等 应邀 到 来 在 对 代表 告诉 作 "
    "主讲 为 和 与 及 同 深入 调研 走访 前往 会见 看望 慰问 听取 要求 希望 认为 透露 坦言 感慨 先后 分别 参观 "
    "考察 检查 督查 视察 宣读 传达 通报 汇报 发言 致辞 回答 提出 部署 点评 解读 进行 现场 一起 立即 随即 连线 "
    "也 又 还 就 便 已 从 将 把 被 让 给 向 是 有 的 了 着 过 所 共 都 家 今年 今天 近日 日前 此前 目前 当天 "
    "当即 第一 积极 主动 亲自 专程 同志 总书记 领衔 牵头 负责 担任 当选 任 兼 组织 召集 带头 笑着 激动 高兴 "
    "每天 每年 多次 一直 始终 认真 详细 仔细 热情 看到 来到 走进 发现 了解 觉得 坚持 决定 开始 自己 本人 "
    "家中 家里 夫妇 老人 告诉记者 接受 有着 是一 在此 为此 也是 还是 就是 都是 又是 正是".split()
), key=len, reverse=True))

# words printed right before a name: a place or organisation begins after them
BOUNDARY_WORDS = tuple(sorted(set(
    "在 和 与 及 同 跟 对 向 为 由 据 经 从 到 至 赴 往 把 被 让 给 是 有 了 的 等 将 于 以 并 或 也 都 就 还 又 "
    "而 即 和 自 是由 来自 位于 地处 属于 对于 关于 围绕 聚焦 依托 通过 携手 联合 会同 邀请 陪同 带领 率领 组织 "
    "调研 走访 来到 前往 深入 察看 考察 视察 检查 督查 连线 联动 召开 主持 参加 出席 举行 举办 听取 看望 慰问 "
    "会见 接待 推动 推进 打造 成立 发布 公布 获得 荣获 授予 表彰 签约 签订 落户 入驻 代表 支持 感谢 "
    "肯定 帮助 指导 走进 参观 前来 回到 返回 迁回 留在 来 去 走出 联系 对接 牵头 发起 号召 要求 提醒 "
    "覆盖 包括 涉及 辐射 串联 连接 沿着 穿过 经过 途经 抵达 驻 驻扎 隶属 毗邻 相邻 靠近 邻近 紧邻 地跨 所在 "
    "流经 汇入 注入 分布 遍布 涵盖 设在 落在 选址 成为 作为 认定 列入 入选 评为 命名 获评 被评为 当选 "
    "先后 随后 分别 一同 一起 共同 相继 陆续 已 已经 正在 正 曾 曾经 仍 仍然 还是 只是 都是 就是 更是 既是 "
    "当地 本地 外地 该 此 这 那 其 各 每 全 本 我 咱 你 他 她 它 们 此次 本次 这次 此前 构建 引进 创建 组建 建立 "
    "落实 贯彻 汇报".split()
), key=len, reverse=True))

# venues named by what they hold: a descriptive word may be their whole name (文化艺术中心, 体育会展中心)
VENUE_CENTRES = ("艺术中心", "会议中心", "会展中心", "展示中心", "博览中心", "演艺中心", "体育中心", "文化中心", "活动中心")
# descriptive words such a venue's name may be made of, which elsewhere are no name (文化公司)
VENUE_STEMS = frozenset("文化 体育 科技 教育 医疗 艺术 文体 文旅".split())

# organisation suffixes, longest first (区中医院 ends in 医院 before 院)
ORG_SUFFIXES = tuple(sorted(set(
    "局 委 委员会 办 办公室 院 医院 分院 卫生院 学院 科学院 研究院 设计院 法院 检察院 中心 服务中心 公司 有限公司 "
    "有限责任公司 股份有限公司 集团 厂 控股 事务所 学校 中学 小学 大学 幼儿园 银行 协会 学会 商会 联合会 总会 "
    "工会 研究会 促进会 联会 分会 合作社 报社 学社 组 小组 联络组 巡察组 工作组 党委 党支部 党组 "
    "党工委 党总支 支部 部 统战部 组织部 宣传部 所 派出所 研究所 厅 政府 人民政府 政协 人大常委会 常委会 "
    "团区委 团委 妇联 总工会 残联 科协 侨联 法庭 大队 支队 中队 管委会 联社 分行 支行 分公司 实验室".split()
) | set(VENUE_CENTRES), key=len, reverse=True))

# the legal forms a company's full name ends with, longest first (中显光电科技(浙江)有限公司)
COMPANY_FORMS = ("集团股份有限公司", "集团有限公司", "股份有限公司", "有限责任公司", "有限公司", "分公司", "公司")
# the trades a company's full name names after its trade name: what a short name drops (昉智连科技 -> 昉智连)
TRADE_WORDS = tuple(sorted(set(
    "科技 技术 新材料 材料 实业 发展 贸易 商贸 工贸 电子 信息 网络 数字 文化 传媒 建设 建筑 工程 环保 能源 新能源 "
    "机械 制造 智能 生物 医药 食品 农业 物流 供应链 投资 管理 企业管理 企业 服务 咨询 工艺品 文具 光电 电气 化工 "
    "水泥 纸业 包装 汽车 装备 钢铁 金属 置业 房地产 旅游 教育 健康 康养 影视 文旅 电商 直播 开发 集团 控股 "
    "运营 销售 产业 新型".split()
), key=len, reverse=True))

# house-level bodies: bare (without a place before them) inside a rank title they are not labelled (区委书记)
HOUSE_BODIES = frozenset("区委 区政府 区人大常委会 区人大 区政协 市委 市政府 市人大常委会 市人大 市政协 县委 县政府 "
                         "县人大常委会 县政协 省委 省政府 省人大常委会 省政协 区委常委会".split())

# the bodies a county paper names without a suffix-and-stem shape (区委, 区政府...) when it means the body
BARE_BODIES = HOUSE_BODIES | frozenset("区纪委 区委办 团区委 区残联 区妇联 区科协 区侨联".split())

# administrative place suffixes with the stem lengths they take (杜泽镇, 楼山后村, 黄坛口乡, 浙江省)
ADMIN_SUFFIXES = {"街道": (2, 3), "社区": (2, 3), "自然村": (2, 3), "村": (2, 3), "镇": (2, 3), "乡": (2, 3),
                  "县": (2, 2), "市": (2, 2), "省": (2, 3), "区": (2, 2), "州": (1, 1)}
# named areas: parks, zones, ports, scenic spots, rivers, roads (long stems must start at a boundary)
AREA_SUFFIXES = {"产业园": (2, 12), "工业园": (2, 10), "科技园": (2, 10), "物流园": (2, 10), "创业园": (2, 10),
                 "园区": (2, 10), "港区": (2, 6), "新城": (2, 6), "开发区": (2, 10), "景区": (2, 8),
                 "集聚点": (2, 14), "集聚区": (2, 14), "滩涂": (2, 3), "古道": (2, 3), "长廊": (2, 8),
                 "水库": (2, 3), "湿地": (2, 4), "公园": (2, 6), "大道": (2, 3), "中路": (2, 2), "东路": (2, 2),
                 "西路": (2, 2), "南路": (2, 2), "北路": (2, 2), "大桥": (2, 3), "桥": (2, 2),
                 "溪": (2, 2), "江": (2, 2), "商圈": (2, 2), "码头": (2, 4), "港": (2, 2), "岛": (2, 3),
                 "旅游区": (2, 10), "度假区": (2, 8), "作业区": (2, 4), "未来社区": (2, 4), "工业平台": (2, 4),
                 "产业平台": (2, 4)}
# named areas whose stem must be a known place (廿里工业平台): the same words follow a verb too (搭建产业平台)
PLACE_LED_AREAS = frozenset("工业平台 产业平台".split())

# words that end in a place suffix but name no place (each with its suffix)
GENERIC_PLACES = frozenset(
    "乡村 农村 山村 全村 各村 本村 该村 每村 一村 单村 个村 邻村 强村 富村 古村 新村 行政村 自然村 示范村 重点村 "
    "先进村 薄弱村 周边村 村村 进村 驻村 到村 在村 回村 全镇 乡镇 城镇 集镇 小镇 重镇 强镇 名镇 古镇 中心镇 各镇 "
    "该镇 本镇 村镇 街镇 城乡 家乡 故乡 回乡 返乡 老乡 下乡 异乡 全乡 各乡 该乡 本乡 山乡 水乡 全县 各县 本县 "
    "郡县 邻县 山区县 城市 都市 超市 全市 本市 各市 上市 夜市 集市 早市 门市 菜市 股市 楼市 城市 县市 省市 全省 "
    "本省 外省 各省 四省 兄弟省 全区 我区 各区 本区 市区 郊区 街区 校区 厂区 矿区 灾区 社区 园区 港区 城区 景区 "
    "小区 片区 山区 库区 老区 新区 地区 辖区 该区 大社区 新建社区 现代社区 未来社区 各社区 该社区 本社区 全社区 "
    "城市社区 农村社区 街道 各街道 该街道 本街道 全街道 神州 九州 各州 一路 沿路 道路 马路 公路 铁路 思路 出路 "
    "线路 网路 门路 销路 水路 陆路 新路 老路 大路 小路 致富路 共富路 发展路 征程路 长江 江南 江北 大江 过江 "
    "沿江 两江 一江 全江 溪流 小溪 山溪 桥梁 大桥 小桥 便桥 一桥 断桥 园区 产业园 工业园 新城 公园 港口 "
    "海港 码头 古道 水库 小型水库 湿地 海岛 半岛 小岛 之路 来路 产业园区 工业园区 经济园区 治村 联村 兴村 "
    "美村 包村 下村 山塘水库 示范城市".split()
)

# stems that put a suffix on a generic word, not a name: 基层商会, 乡贤会, 党群服务中心, 两家卫生院
GENERIC_ORG_STEMS = frozenset(
    "基层 乡贤 村委 党群服务 党群 服务 相关 有关 上级 基层党 社会 所在 当地 本地 各级 各 该 本 全 这 此 每 "
    "多 几 两 一 两家 多家 各家 一家 这家 该家 企业 公司 部门 单位 机构 学校 医院 卫生 村级 镇级 乡级 区级 市级 "
    "省级 县级 国家级 合作 专业 其他 其它 其 老 大 小 中 上 下 直属 下属 所属 主管 牵头 职能 政府 人民 "
    "属地 镇村 村 镇 乡 街道 两委 村两委 办事 机关 事业 民营 国有 国营 龙头 规上 领导 领导小组 工作 工作小组 "
    "专班 专项 指挥 临时 联合 党 团 支 总 分 家 户 集体 经济 工作专班 乡镇 行业 销售 律师 城市 城市副 "
    "建设城市副 物业 中介 培训 咨询 管理 科技 文化 体育 医疗 教育 社区 老年 青少年 儿童 妇女 职工 村民".split()
)

# county towns (乡镇/街道) of 衢江区 with their short forms, for coverage balance: 4 街道, 10 镇, 8 乡 (the 22 乡镇
# (街道办事处) the paper counts), and 横路办事处, which it reports as one
TOWNS = ("樟潭街道", "浮石街道", "双港街道", "东港街道", "廿里镇", "高家镇", "莲花镇", "全旺镇", "大洲镇", "后溪镇",
         "杜泽镇", "上方镇", "峡川镇", "湖南镇", "云溪乡", "太真乡", "灰坪乡", "举村乡", "岭洋乡", "黄坛口乡",
         "周家乡", "双桥乡", "横路办事处")

# places a county paper names without a suffix: the county's, Quzhou's, the provinces and countries it mentions
GAZETTEER = frozenset(
    "衢江 衢州 柯城 龙游 常山 开化 浙江 杭州 宁波 温州 绍兴 湖州 嘉兴 金华 台州 丽水 舟山 义乌 上海 北京 天津 重庆 "
    "江苏 安徽 江西 福建 广东 四川 湖北 湖南 河南 河北 山东 山西 陕西 云南 贵州 广西 海南 甘肃 青海 宁夏 新疆 西藏 "
    "南京 合肥 南昌 福州 广州 深圳 武汉 长沙 成都 西安 郑州 济南 苏州 厦门 "
    "内蒙古 辽宁 吉林 黑龙江 香港 澳门 台湾 华东 华南 华北 华中 长三角 珠三角 中国 美国 英国 法国 德国 日本 韩国 "
    "俄罗斯 意大利 西班牙 加拿大 澳大利亚 新加坡 泰国 越南 印度 巴西 欧洲 欧美 非洲 亚洲 东南亚 中东 拉美 北美 "
    "东港 樟潭 浮石 双港 廿里 全旺 后溪 杜泽 峡川 云溪 太真 灰坪 岭洋 黄坛口 乌溪江 衢江区 衢州市 浙江省 "
    "永康 东阳 兰溪 浦江 武义 磐安 诸暨 嵊州 新昌 上虞 柯桥 余杭 萧山 临安 桐庐 建德 淳安 富阳 安吉 德清 长兴 "
    "海宁 桐乡 平湖 嘉善 海盐 慈溪 余姚 象山 宁海 奉化 瑞安 乐清 永嘉 文成 泰顺 平阳 苍南 龙泉 遂昌 松阳 云和 "
    "庆元 景宁 缙云 青田 温岭 临海 玉环 天台 仙居 三门 岱山 嵊泗".split()
)

# common words that begin with a surname character and are no name (高质量, 全体, 钱包); a name ending in 某 is
# anonymised, one ending in an honorific is not a name either
NOT_NAMES = frozenset(
    "全体 全面 全部 全力 全新 全年 全域 全市 全镇 全村 高质量 高度 高效 高标准 高水平 高品质 高层 解难题 解决 "
    "包括 包联 方面 方式 方向 方案 严格 张贴 常务 时间 时代 明确 任务 安全 平台 和谐 文明 于是 关于 成为 成立 "
    "管理 周边 周年 金融 程度 计划 项目 万元 温度 武装 宣传 钱包 发车 发展 发挥 发现 经济 经营 经过 应该 应当 "
    "应急 应用 向着 通过 通知 服务 保障 保持 保护 车辆 车间 时候 路线 路上 路面 江南 江北 黄金 红色 乐于 "
    "白天 石头 水平 水利 水库 马上 林业 林地 田间 田地 农业 农民 农村 花园 花卉 华夏 夏季 秋季 冬季 春季 "
    "春节 米饭 丁香 甘甜 章程 雷雨 云端 易于 易地 文化 文旅 文明 史上 何时 何处 何种 孔洞 任何 余下 余额 "
    "许多 许可 曾经 苗木 时期 龙头 孙子 马路 江山 山区 山村 田园 金额 钟点 方便 牛奶 毛病 宁静 康养 安置 "
    "安排 安装 汪汪 游客 游玩 游览 左右 上下 项目部 熊猫 景区 景点 邵先生 连续 连接 骆驼 柯城 龙游 常山 开化 "
    "贾某 邓某".split()
)
HONORIFICS = ("某", "先生", "女士", "老师", "师傅", "大爷", "大妈", "阿姨", "大姐", "大哥", "老人", "奶奶", "爷爷",
              "书记", "主任", "局长", "镇长", "村长", "同志", "总", "工")

# the ends of a facility's or project's name: inside one, only a place printed with its suffix is a place
# (杜泽镇 in 杜泽镇杜泽公路服务站; nothing in 衢州数字文教综合体)
FACILITY_ENDS = ("项目", "工程", "综合体", "工坊", "食堂", "之家", "礼堂", "基地", "服务站")

# the ends of a meeting's name: nothing inside one is a place or an organisation (区政府第11次常务会议)
MEETING_ENDS = ("常务会议", "全体会议", "会议", "例会", "全会", "大会", "推进会", "座谈会", "部署会", "交流会", "专题会",
                "现场会", "培训会", "研讨会", "听证会", "发布会", "动员会", "分析会", "调度会", "协调会", "汇报会", "报告会",
                "述职会", "评议会", "联席会", "见面会", "恳谈会", "对接会", "签约会", "观摩会", "总结会")
