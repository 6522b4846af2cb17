"""Demo public site: published commitments (some late), procedure and standard pages, news, one draft, feedback."""

import datetime

from django.utils import timezone

from .caching import content_version_bump
from .models import CampaignPublication, Commitment, FeedbackMessage, NewsItem, ReceptionDisclosure, ServicePage

# department, text, days from today to the due date, status, progress note, days from today fulfilled (or None)
COMMITMENTS = [
    (
        "办公室",
        "来文来电当日登记、当日分办，急件随到随办。",
        60,
        "in_progress",
        "已建立收文登记台账，每日下班前清零。",
        None,
    ),
    (
        "办公室",
        "会议数量比上年减少百分之二十，会议材料一律精简。",
        120,
        "in_progress",
        "上半年会议数同比减少百分之十八。",
        None,
    ),
    (
        "组织人事科",
        "全年组织干部集中学习不少于十二次，每季度开展一次专题调研。",
        200,
        "in_progress",
        "已组织集中学习五次。",
        None,
    ),
    ("财务科", "公务接待费用每季度汇总并向社会公开。", -20, "in_progress", "一季度数据已汇总，待审核后公开。", None),
    ("财务科", "年度公务接待费较上年压减百分之十。", 240, "planned", "", None),
    ("经济发展科", "企业办事材料一次告知，一般事项三个工作日内办结。", -45, "done", "已在服务大厅公示办事清单。", -50),
    ("规划建设科", "规划许可申请材料齐全的，十个工作日内答复。", -10, "done", "已办结，全年平均八个工作日。", -2),
    (
        "社会事务科",
        "群众来信来访件件有登记、事事有回音，十五日内答复。",
        30,
        "in_progress",
        "本季度受理来信来访四十二件，均已答复。",
        None,
    ),
    ("纪检监察室", "每半年开展一次公车使用专项检查并通报结果。", -30, "planned", "", None),
    ("招商服务中心", "重点项目实行专人全程代办服务。", 90, "in_progress", "已为八个重点项目指定代办员。", None),
    ("环境卫生站", "主要道路每日两扫、全天保洁，群众投诉两小时内到场。", -5, "in_progress", "已调整保洁班次。", None),
    ("景区管理站", "景区咨询投诉电话全天有人接听，投诉当日处理。", 150, "in_progress", "已开通值班电话。", None),
    ("第一管理队", "执法全过程记录，执法结果七日内公示。", -60, "done", "执法记录仪全员配备。", -70),
    ("第二管理队", "每月开展一次行风民主评议回访。", 45, "planned", "", None),
]

PAGES = [
    (
        "enterprise-registration",
        "企业入驻登记办事程序",
        "procedure",
        "招商服务中心",
        "企业入驻园区的登记流程、所需材料和办理时限。",
        "# 办理条件\n"
        "符合园区产业规划的企业均可申请。\n"
        "\n"
        "# 所需材料\n"
        "- 入驻申请表\n"
        "- 营业执照副本复印件\n"
        "- 法定代表人身份证明\n"
        "\n"
        "# 办理流程\n"
        "1. 向招商服务中心提交申请材料\n"
        "2. 中心一次性告知需补正的材料\n"
        "3. 材料齐全后三个工作日内出具意见\n"
        "4. 签订入驻协议\n"
        "\n"
        "# 办理时限\n"
        "材料齐全之日起 **三个工作日**。\n"
        "\n"
        "# 咨询与监督\n"
        "如对办理结果有异议，可通过[意见反馈](/public/feedback/)向办公室反映。",
    ),
    (
        "planning-permit",
        "建设工程规划许可办事程序",
        "procedure",
        "规划建设科",
        "规划许可的申请、审查和答复时限。",
        "# 所需材料\n"
        "- 建设工程规划许可申请表\n"
        "- 建设项目批准文件\n"
        "- 设计方案图纸\n"
        "\n"
        "# 办理流程\n"
        "1. 受理\n"
        "2. 审查\n"
        "3. 作出决定\n"
        "\n"
        "# 办理时限\n材料齐全的，**十个工作日**内答复。",
    ),
    (
        "letters-and-visits",
        "群众来信来访办理程序",
        "procedure",
        "社会事务科",
        "来信来访的登记、转办、答复和回访。",
        "来信来访件件登记，事事回音。\n"
        "\n"
        "1. 登记：当日登记编号\n"
        "2. 转办：一个工作日内转交承办科室\n"
        "3. 答复：十五日内书面答复\n"
        "4. 回访：办结后七日内回访",
    ),
    (
        "reception-standard",
        "公务接待标准",
        "standard",
        "财务科",
        "公务接待的餐饮、住宿标准与禁止事项。",
        "# 基本要求\n"
        "无公函不接待。接待对象按规定标准自行用餐，确因工作需要可安排工作餐一次。\n"
        "\n"
        "# 具体规定\n"
        "- 实行定点接待\n"
        "- 原则上不安排陪餐，中餐不上酒\n"
        "- 禁止同城接待\n"
        "- 不得赠送土特产\n"
        "- 不得在机场、车站、码头和辖区边界组织迎送\n"
        "\n"
        "# 费用结算\n"
        "使用公务卡或转账结算，不得以现金支付。",
    ),
    (
        "service-standard",
        "窗口服务标准",
        "standard",
        "办公室",
        "服务窗口的礼仪、时限和首问负责制。",
        "- 首问负责：第一位接待的工作人员负责引导到底\n"
        "- 一次告知：需补正的材料一次讲清\n"
        "- 限时办结：承诺时限内办结\n"
        "- 亮牌上岗：工作人员佩戴工作牌",
    ),
    (
        "vehicle-use-rules",
        "公务用车使用规定（征求意见稿）",
        "standard",
        "办公室",
        "草稿：尚未定稿，不对外公开。",
        "本规定尚在征求意见。",
    ),
]

NEWS = [
    (
        "campaign-launch",
        "创建“六型机关”活动动员大会召开",
        200,
        "全面开展学习型、服务型、效率型、节约型、廉政型、和谐型机关创建活动。",
        "管委会召开创建“六型机关”活动动员大会，部署全年创建工作。\n"
        "\n"
        "会议要求各科室做到“三到位”：思想认识到位、领导组织到位、各项保障到位。",
    ),
    (
        "commitments-published",
        "各科室公开承诺事项向社会公布",
        150,
        "十余个科室、站所公开服务承诺，接受群众监督。",
        "各科室、站所结合职责作出公开承诺，明确完成时限，由各科室定期更新进展。\n"
        "\n"
        "欢迎社会各界通过本网站[意见反馈](/public/feedback/)栏目监督。",
    ),
    (
        "appraisal-round",
        "基层站队行风民主评议工作启动",
        60,
        "邀请服务对象代表对基层站队进行评议。",
        "评议结果将在本网站“结果公开”栏目公布。",
    ),
    (
        "reception-report",
        "上年度公务接待情况公开",
        20,
        "公布上年度公务接待次数、人数和费用。",
        "按照公务接待有关规定，现将上年度公务接待情况予以公开，详见“接待费用”栏目。",
    ),
]

DRAFT_NEWS = (
    "draft-internal-reshuffle",
    "（草稿）科室调整方案",
    "内部讨论稿，尚未定稿。",
    "此稿仅供内部讨论。",
)

FEEDBACK = [
    ("question", "企业入驻需要多长时间？", "请问材料齐全后多久可以签订入驻协议？", "new"),
    ("suggestion", "建议增加周末咨询时间", "上班时间不方便来办事，建议周六上午开放咨询窗口。", "new"),
    ("complaint", "道路保洁不及时", "园区东路近两天落叶较多，未见清扫。", "read"),
    ("praise", "规划许可办理很快", "材料交齐后一周就拿到了答复，点赞。", "handled"),
]


def load(*, context):
    departments = context["departments"]
    campaign = context.get("campaign")
    now = timezone.now()
    today = timezone.localdate()
    office = departments.get("办公室")

    for department, text, due_in, status, note, done_in in COMMITMENTS:
        Commitment.objects.update_or_create(
            department=departments[department],
            text=text,
            defaults={
                "campaign": campaign,
                "due_date": today + datetime.timedelta(days=due_in),
                "status": status,
                "progress_note": note,
                "completed_on": today + datetime.timedelta(days=done_in) if done_in is not None else None,
                "status_updated_at": now - datetime.timedelta(days=3),
                "is_published": True,
                "published_at": now - datetime.timedelta(days=150),
            },
        )
    Commitment.objects.update_or_create(
        department=departments["财务科"],
        text="（草稿）差旅费报销实行网上审批。",
        defaults={
            "campaign": campaign,
            "due_date": today + datetime.timedelta(days=90),
            "internal_note": "待领导小组审定后公开。",
            "is_published": False,
        },
    )

    for order, (slug, title, kind, department, summary, body) in enumerate(PAGES, start=1):
        draft = slug == "vehicle-use-rules"
        ServicePage.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "kind": kind,
                "department": departments.get(department, office),
                "summary": summary,
                "body": body,
                "order": order,
                "is_published": not draft,
                "published_at": None if draft else now - datetime.timedelta(days=140),
                "internal_note": "征求意见中，勿公开。" if draft else "",
            },
        )

    for slug, title, days_ago, summary, body in NEWS:
        NewsItem.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "summary": summary,
                "body": body,
                "is_published": True,
                "published_at": now - datetime.timedelta(days=days_ago),
            },
        )
    slug, title, summary, body = DRAFT_NEWS
    NewsItem.objects.update_or_create(
        slug=slug,
        defaults={"title": title, "summary": summary, "body": body, "is_published": False, "published_at": None},
    )

    if campaign is not None:
        CampaignPublication.objects.update_or_create(
            campaign=campaign,
            defaults={
                "introduction": "本方案旨在改进机关作风、提高工作效能。以下为各创建类型的工作进展，由各科室按月更新。",
                "is_published": True,
                "published_at": now - datetime.timedelta(days=200),
            },
        )
    ReceptionDisclosure.objects.update_or_create(
        year=today.year - 1,
        defaults={
            "introduction": "根据公务接待有关规定，公开上年度公务接待情况。",
            "is_published": True,
            "published_at": now - datetime.timedelta(days=20),
        },
    )
    ReceptionDisclosure.objects.update_or_create(year=today.year, defaults={"is_published": False})

    for topic, subject, body, status in FEEDBACK:
        FeedbackMessage.objects.update_or_create(
            subject=subject,
            defaults={
                "topic": topic,
                "body": body,
                "status": status,
                "handled_at": now - datetime.timedelta(days=1) if status == "handled" else None,
                "office_note": "已电话回复。" if status == "handled" else "",
            },
        )
    content_version_bump()
