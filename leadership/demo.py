"""Demo organisation: a dozen departments, their people and the demo logins; charges once the campaign exists.

The campaign, its leading group and office come from importing the seed plan (planimport/demo.py), which matches
the group's names to the people made here.
"""

from django.contrib.auth import get_user_model

from liujiguan.permissions import Role
from liujiguan.roles import user_role_set

from .models import Charge, Department, Person

DEPARTMENTS = [
    # name, kind, phone
    ("办公室", Department.Kind.SECTION),
    ("组织人事科", Department.Kind.SECTION),
    ("财务科", Department.Kind.SECTION),
    ("经济发展科", Department.Kind.SECTION),
    ("规划建设科", Department.Kind.SECTION),
    ("社会事务科", Department.Kind.SECTION),
    ("纪检监察室", Department.Kind.SECTION),
    ("招商服务中心", Department.Kind.STATION),
    ("环境卫生站", Department.Kind.STATION),
    ("景区管理站", Department.Kind.MANAGEMENT_STATION),
    ("第一管理队", Department.Kind.MANAGEMENT_TEAM),
    ("第二管理队", Department.Kind.MANAGEMENT_TEAM),
    ("第三管理队", Department.Kind.MANAGEMENT_TEAM),
]

# name, post title, department, login
PEOPLE = [
    ("卢纪清", "管委会主任", "办公室", None),
    ("赵联强", "管委会副主任", "办公室", "leader"),
    ("杨智", "管委会副主任", "经济发展科", None),
    ("叶建国", "管委会副主任", "社会事务科", None),
    ("卓大巨", "纪工委书记", "纪检监察室", None),
    ("陈霜", "办公室主任", "办公室", None),
    ("严建明", "组织人事科科长", "组织人事科", None),
    ("施立标", "财务科科长", "财务科", None),
    ("吴应清", "经济发展科科长", "经济发展科", None),
    ("刘文胜", "规划建设科科长", "规划建设科", None),
    ("连淑颖", "办公室科员", "办公室", "office"),
    ("梁舒", "办公室科员", "办公室", None),
    ("王海燕", "景区管理站站长", "景区管理站", "dept"),
    ("黄晓明", "社会事务科科员", "社会事务科", "viewer"),
    ("林志坚", "第一管理队队长", "第一管理队", None),
    ("郑美华", "招商服务中心主任", "招商服务中心", None),
    ("许国平", "环境卫生站站长", "环境卫生站", None),
    ("何丽娟", "第二管理队队长", "第二管理队", None),
    ("蔡文涛", "第三管理队队长", "第三管理队", None),
    ("孙建华", "社会事务科科长", "社会事务科", None),
    ("周红", "纪检监察室主任", "纪检监察室", None),
]

CONTACTS = {
    "办公室": "梁舒",
    "组织人事科": "严建明",
    "财务科": "施立标",
    "经济发展科": "吴应清",
    "规划建设科": "刘文胜",
    "社会事务科": "孙建华",
    "纪检监察室": "周红",
    "招商服务中心": "郑美华",
    "环境卫生站": "许国平",
    "景区管理站": "王海燕",
    "第一管理队": "林志坚",
    "第二管理队": "何丽娟",
    "第三管理队": "蔡文涛",
}

CHARGES = {
    "赵联强": ["办公室", "组织人事科", "景区管理站"],
    "杨智": ["经济发展科", "规划建设科", "招商服务中心"],
    "叶建国": ["社会事务科", "环境卫生站", "第一管理队", "第二管理队", "第三管理队"],
    "卓大巨": ["纪检监察室", "财务科"],
}

LOGIN_ROLES = {"office": Role.OFFICE, "leader": Role.LEADER, "dept": Role.DEPARTMENT, "viewer": Role.VIEWER}


def _upsert(model, lookup, values):
    """update_or_create that saves only what differs, so a second run adds no history."""
    obj = model.objects.filter(**lookup).order_by("pk").first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=[*changed, "modified"])
    return obj


def _login(username, password, role):
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_password(password)
        user.save()
    user_role_set(user=user, role=role)
    return user


def load(*, context):
    password = context["password"]
    departments = {}
    for order, (name, kind) in enumerate(DEPARTMENTS, start=1):
        departments[name] = _upsert(Department, {"name": name}, {"kind": kind, "order": order})
    people = {}
    for name, title, department, username in PEOPLE:
        values = {"title": title, "department": departments[department]}
        if username:
            values["user"] = _login(username, password, LOGIN_ROLES[username])
        people[name] = _upsert(Person, {"name": name}, values)
    for department, name in CONTACTS.items():
        Department.objects.filter(pk=departments[department].pk).update(contact=people[name])
    _login("admin", password, Role.ADMIN)

    context.update(departments=departments, people=people)


def charges_load(*, context):
    """Which leader is in charge of which department in the demo campaign (called once the campaign exists)."""
    campaign, departments, people = context["campaign"], context["departments"], context["people"]
    for leader, names in CHARGES.items():
        for name in names:
            Charge.objects.get_or_create(
                campaign=campaign,
                department=departments[name],
                end=None,
                defaults={"person": people[leader], "start": campaign.start},
            )
