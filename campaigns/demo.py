"""Demo plan: the seed's six pillars with their slogans and leaders in charge."""

from .models import Pillar

PILLARS = [
    (Pillar.Type.LEARNING, "学习型机关", "大兴学习调研之风", "赵联强"),
    (Pillar.Type.SERVICE, "服务型机关", "大兴为民办事之风", "赵联强"),
    (Pillar.Type.EFFICIENCY, "效率型机关", "大兴求真务实之风", "杨智"),
    (Pillar.Type.THRIFT, "节约型机关", "大兴勤俭节约之风", "叶建国"),
    (Pillar.Type.INTEGRITY, "廉政型机关", "大兴透明廉政之风", "卓大巨"),
    (Pillar.Type.HARMONY, "和谐型机关", "大兴团结协作之风", "叶建国"),
]


def load(*, context):
    campaign, people = context["campaign"], context["people"]
    for order, (type_, name, slogan, leader) in enumerate(PILLARS, start=1):
        Pillar.objects.update_or_create(
            campaign=campaign,
            name=name,
            defaults={"type": type_, "slogan": slogan, "order": order, "leader_in_charge": people[leader]},
        )
