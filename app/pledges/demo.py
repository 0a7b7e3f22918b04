"""The demo council's pledge and care leavers' charter, written by us, with two closed rounds of
sample ratings, an open round, a few moderated comments and "you said, we did" answers.

The sample ratings are made up for the demo (seeded, so every demo looks the same). Like real
sealed ratings, they carry no link to anyone.
"""
from __future__ import annotations

import random
from datetime import timedelta

from ..extensions import db
from ..models_base import utcnow
from ..moderation import service as moderation
from ..reports.quarters import last_complete
from . import service
from .models import ANSWERS, CARE_LEAVER, IN_CARE, PledgeComment, PledgeRating

PLEDGE = {
    "title": {"en": "Our promises to you", "ar": "وعودنا لك", "ps": "زموږ ژمنې تاسو ته"},
    "introduction": {
        "en": "These are the promises Northmoor Council makes to every child and young person in our care. Tell us if we keep them.",
        "ar": "هذه هي الوعود التي يقدمها مجلس نورثمور لكل طفل وشاب في رعايتنا. أخبرنا إن كنا نفي بها.",
    },
    "themes": [
        (
            {"en": "Your home and feeling safe", "ar": "بيتك وشعورك بالأمان", "ps": "ستاسو کور او د خوندیتوب احساس"},
            [
                (
                    {
                        "en": "We will find you a home where you feel safe and cared for, and tell you about it before you move, unless it is an emergency.",
                        "ar": "سنجد لك بيتًا تشعر فيه بالأمان والرعاية، وسنخبرك عنه قبل أن تنتقل، إلا في حالات الطوارئ.",
                    },
                    {
                        "en": "You should know where you are going and who you will live with before the day you move.",
                        "ar": "يجب أن تعرف إلى أين ستذهب ومع من ستعيش قبل يوم الانتقال.",
                    },
                ),
                (
                    {
                        "en": "If you do not feel safe where you live, we will listen and act the same day.",
                        "ar": "إذا لم تشعر بالأمان حيث تعيش، سنستمع إليك ونتصرف في اليوم نفسه.",
                        "ps": "که چېرې چې اوسېږئ ځان خوندي نه احساسوئ، موږ به ستاسو خبرې واورو او په همدې ورځ به اقدام وکړو.",
                    },
                    {
                        "en": "Tell any adult you trust. They must pass it on to us straight away.",
                        "ar": "أخبر أي شخص بالغ تثق به. عليه أن يبلغنا فورًا.",
                    },
                ),
            ],
        ),
        (
            {"en": "The people who work with you", "ar": "الأشخاص الذين يعملون معك", "ps": "هغه کسان چې له تاسو سره کار کوي"},
            [
                (
                    {
                        "en": "Your social worker will visit you, see you on your own if you want, and tell you before they change.",
                        "ar": "سيزورك الأخصائي الاجتماعي، ويراك وحدك إن أردت، ويخبرك قبل أن يتغير.",
                    },
                    {
                        "en": "You will not find out from someone else that you have a new worker.",
                        "ar": "لن تعرف من شخص آخر أن لديك أخصائيًا جديدًا.",
                    },
                ),
                (
                    {
                        "en": "We will reply to your calls and messages within two working days.",
                        "ar": "سنرد على مكالماتك ورسائلك خلال يومي عمل.",
                    },
                    {
                        "en": "If your worker is away, someone else from the team will get back to you.",
                        "ar": "إذا كان الأخصائي غائبًا، سيتواصل معك شخص آخر من الفريق.",
                    },
                ),
            ],
        ),
        (
            {"en": "School and learning", "ar": "المدرسة والتعلّم", "ps": "ښوونځی او زده کړه"},
            [
                (
                    {
                        "en": "We will help you stay at the same school when you move home, whenever we can.",
                        "ar": "سنساعدك على البقاء في المدرسة نفسها عندما تنتقل إلى بيت جديد، كلما استطعنا.",
                    },
                    {},
                ),
                (
                    {
                        "en": "You will have what you need to learn: a quiet place, books, and a laptop or tablet.",
                        "ar": "سيكون لديك ما تحتاجه للتعلّم: مكان هادئ وكتب وحاسوب محمول أو جهاز لوحي.",
                    },
                    {
                        "en": "Ask your carer or worker if something is missing.",
                        "ar": "اسأل من يرعاك أو الأخصائي إذا كان ينقصك شيء.",
                    },
                ),
            ],
        ),
        (
            {"en": "Having a say", "ar": "أن يكون لك رأي", "ps": "خپل نظر ورکول"},
            [
                (
                    {
                        "en": "We will ask what you think before we make decisions about your life, and explain why if we decide something different.",
                        "ar": "سنسألك عن رأيك قبل أن نتخذ قرارات تخص حياتك، وسنشرح السبب إذا قررنا شيئًا مختلفًا.",
                    },
                    {
                        "en": "Your review is your meeting. You can help plan it, or even chair it.",
                        "ar": "مراجعتك هي اجتماعك. يمكنك المساعدة في التخطيط له، أو حتى إدارته.",
                    },
                ),
                (
                    {
                        "en": "You can have an advocate: someone independent who helps you say what you want.",
                        "ar": "يمكن أن يكون لك مناصر: شخص مستقل يساعدك على قول ما تريد.",
                    },
                    {"en": "It is free, and they are on your side.", "ar": "هذا مجاني، وهو في صفك."},
                ),
            ],
        ),
        (
            {"en": "Family, friends and your story", "ar": "العائلة والأصدقاء وقصتك", "ps": "کورنۍ، ملګري او ستاسو کیسه"},
            [
                (
                    {
                        "en": "We will help you keep in touch with the people who matter to you, when it is safe.",
                        "ar": "سنساعدك على البقاء على تواصل مع الأشخاص المهمين لك، عندما يكون ذلك آمنًا.",
                    },
                    {},
                ),
                (
                    {
                        "en": "We will help you understand why you are in care, and keep your photos and memories safe.",
                        "ar": "سنساعدك على فهم سبب وجودك في الرعاية، وسنحفظ صورك وذكرياتك بأمان.",
                    },
                    {
                        "en": "You can ask to see your life story work at any time.",
                        "ar": "يمكنك أن تطلب رؤية عمل قصة حياتك في أي وقت.",
                    },
                ),
            ],
        ),
        (
            {"en": "Your health", "ar": "صحتك", "ps": "ستاسو روغتیا"},
            [
                (
                    {
                        "en": "You will see a doctor, a dentist and an optician, and get help with your feelings if you want it.",
                        "ar": "سترى طبيبًا وطبيب أسنان وأخصائي نظر، وستحصل على مساعدة لمشاعرك إن أردت.",
                    },
                    {},
                ),
            ],
        ),
    ],
}

CHARTER = {
    "title": {
        "en": "Our charter for care leavers",
        "ar": "ميثاقنا للشباب الذين غادروا الرعاية",
        "ps": "د هغو ځوانانو لپاره زموږ منشور چې له پالنې وتلي دي",
        "fa_AF": "منشور ما برای جوانانی که از سرپرستی بیرون شده‌اند",
        "fa": "منشور ما برای جوانانی که از سرپرستی خارج شده‌اند",
    },
    "introduction": {
        "en": "Leaving care is a big step. These are Northmoor Council's promises to you from 16 until you are 25. Tell us if we keep them.",
        "ar": "مغادرة الرعاية خطوة كبيرة. هذه وعود مجلس نورثمور لك من سن 16 حتى 25. أخبرنا إن كنا نفي بها.",
        "ps": "له پالنې وتل یو لوی ګام دی. دا د نارتمور شورا ژمنې دي چې تاسو ته یې له ۱۶ څخه تر ۲۵ کلنۍ پورې کوي. موږ ته ووایاست چې آیا موږ پرې عمل کوو.",
        "fa_AF": "بیرون شدن از سرپرستی یک قدم بزرگ است. این‌ها وعده‌های شورای نورث‌مور به تو از ۱۶ تا ۲۵ سالگی است. به ما بگو که آیا به آن‌ها عمل می‌کنیم.",
        "fa": "ترک سرپرستی قدم بزرگی است. این‌ها قول‌های شورای نورث‌مور به تو از ۱۶ تا ۲۵ سالگی است. به ما بگو آیا به آن‌ها عمل می‌کنیم.",
    },
    "themes": [
        (
            {"en": "Your personal adviser", "ar": "مستشارك الشخصي", "ps": "ستاسو شخصي سلاکار", "fa_AF": "مشاور شخصی تو", "fa": "مشاور شخصی تو"},
            [
                (
                    {
                        "en": "You will have a personal adviser who knows you, keeps in touch and helps you with your pathway plan.",
                        "ar": "سيكون لديك مستشار شخصي يعرفك، ويبقى على تواصل معك، ويساعدك في خطة طريقك.",
                        "ps": "تاسو به یو شخصي سلاکار ولرئ چې تاسو پېژني، له تاسو سره په اړیکه کې پاتې کېږي او ستاسو د لارې په پلان کې مرسته کوي.",
                        "fa_AF": "یک مشاور شخصی خواهی داشت که تو را می‌شناسد، با تو در تماس می‌ماند و در پلان راه آینده‌ات کمکت می‌کند.",
                        "fa": "یک مشاور شخصی خواهی داشت که تو را می‌شناسد، با تو در تماس می‌ماند و در برنامهٔ مسیرت کمکت می‌کند.",
                    },
                    {
                        "en": "You can contact them until you are 25, even if you said no to help before.",
                        "ar": "يمكنك التواصل معه حتى سن 25، حتى لو رفضت المساعدة من قبل.",
                        "ps": "تر ۲۵ کلنۍ پورې ورسره اړیکه نیولی شئ، که څه هم مخکې مو مرسته نه وي منلې.",
                        "fa_AF": "تا ۲۵ سالگی می‌توانی با او تماس بگیری، حتی اگر پیش از این کمک را قبول نکرده باشی.",
                        "fa": "تا ۲۵ سالگی می‌توانی با او تماس بگیری، حتی اگر قبلاً کمک را نپذیرفته باشی.",
                    },
                ),
                (
                    {
                        "en": "We will reply to your messages within two working days.",
                        "ar": "سنرد على رسائلك خلال يومي عمل.",
                        "ps": "ستاسو پیغامونو ته به په دوو کاري ورځو کې ځواب درکړو.",
                        "fa_AF": "به پیام‌هایت در ظرف دو روز کاری جواب می‌دهیم.",
                        "fa": "به پیام‌هایت ظرف دو روز کاری جواب می‌دهیم.",
                    },
                    {},
                ),
            ],
        ),
        (
            {"en": "A home of your own", "ar": "بيت خاص بك", "ps": "خپل کور", "fa_AF": "خانه‌ای از خودت", "fa": "خانه‌ای برای خودت"},
            [
                (
                    {
                        "en": "We will help you find a safe place to live, and we will not leave you homeless.",
                        "ar": "سنساعدك في إيجاد مكان آمن للعيش، ولن نتركك بلا مأوى.",
                        "ps": "د اوسېدو لپاره د خوندي ځای په موندلو کې به مرسته درسره وکړو او نه به پرېږدو چې بې کوره شئ.",
                        "fa_AF": "کمکت می‌کنیم که جای امن برای زندگی پیدا کنی و نمی‌گذاریم بی‌سرپناه شوی.",
                        "fa": "کمکت می‌کنیم جای امنی برای زندگی پیدا کنی و نمی‌گذاریم بی‌خانمان شوی.",
                    },
                    {
                        "en": "If you might lose your home, tell your adviser straight away.",
                        "ar": "إذا كنت على وشك أن تفقد سكنك، أخبر مستشارك فورًا.",
                        "ps": "که چېرې خپل کور له لاسه ورکوئ، سمدلاسه خپل سلاکار ته ووایاست.",
                        "fa_AF": "اگر نزدیک است خانه‌ات را از دست بدهی، فوراً به مشاورت بگو.",
                        "fa": "اگر ممکن است خانه‌ات را از دست بدهی، فوراً به مشاورت بگو.",
                    },
                ),
                (
                    {
                        "en": "We will help you set up your first home, with a grant for furniture and the things you need.",
                        "ar": "سنساعدك في تجهيز أول بيت لك، مع منحة للأثاث والأشياء التي تحتاجها.",
                        "ps": "ستاسو د لومړي کور په جوړولو کې به مرسته وکړو، د فرنیچر او اړینو شیانو لپاره د مرستې پیسې به درکړو.",
                        "fa_AF": "در آماده کردن اولین خانه‌ات کمکت می‌کنیم و برای فرنیچر و چیزهایی که ضرورت داری پول کمکی می‌دهیم.",
                        "fa": "در آماده کردن اولین خانه‌ات کمکت می‌کنیم و برای وسایل و چیزهایی که لازم داری کمک‌هزینه می‌دهیم.",
                    },
                    {},
                ),
            ],
        ),
        (
            {"en": "Money, work and learning", "ar": "المال والعمل والتعلّم", "ps": "پیسې، کار او زده کړه", "fa_AF": "پول، کار و آموزش", "fa": "پول، کار و یادگیری"},
            [
                (
                    {
                        "en": "We will help you with money: opening a bank account, budgeting, and the grants you are entitled to.",
                        "ar": "سنساعدك في أمور المال: فتح حساب مصرفي، وتنظيم ميزانيتك، والمنح التي يحق لك الحصول عليها.",
                        "ps": "د پیسو په چارو کې به مرسته درسره وکړو: د بانکي حساب پرانیستل، د لګښتونو پلان، او هغه مرستې چې ستاسو حق دي.",
                        "fa_AF": "در کارهای پولی کمکت می‌کنیم: باز کردن حساب بانکی، پلان کردن مصارف و کمک‌های پولی که حق توست.",
                        "fa": "در کارهای مالی کمکت می‌کنیم: باز کردن حساب بانکی، مدیریت خرج‌ها و کمک‌هزینه‌هایی که حق توست.",
                    },
                    {
                        "en": "Ask your adviser for the list of what you can claim.",
                        "ar": "اطلب من مستشارك قائمة بما يمكنك المطالبة به.",
                        "ps": "له خپل سلاکار څخه د هغو شیانو لیست وغواړئ چې غوښتنه یې کولی شئ.",
                        "fa_AF": "از مشاورت لست چیزهایی را که می‌توانی درخواست کنی بخواه.",
                        "fa": "از مشاورت فهرست چیزهایی را که می‌توانی درخواست کنی بخواه.",
                    },
                ),
                (
                    {
                        "en": "We will support you at college, in training, an apprenticeship or university, including a bursary for higher education.",
                        "ar": "سندعمك في الكلية أو التدريب أو التدريب المهني أو الجامعة، بما في ذلك منحة للتعليم العالي.",
                        "ps": "په کالج، روزنه، کارزده کړه یا پوهنتون کې به ستاسو ملاتړ وکړو، د لوړو زده کړو لپاره د مرستې پیسې هم پکې شاملې دي.",
                        "fa_AF": "در کالج، کورس‌های آموزشی، کارآموزی یا پوهنتون از تو حمایت می‌کنیم، همچنان با کمک پولی برای تحصیلات عالی.",
                        "fa": "در کالج، دوره‌های آموزشی، کارآموزی یا دانشگاه از تو حمایت می‌کنیم، از جمله با کمک‌هزینهٔ تحصیلات عالی.",
                    },
                    {},
                ),
            ],
        ),
        (
            {"en": "Health and feeling well", "ar": "الصحة والراحة النفسية", "ps": "روغتیا او ښه حال", "fa_AF": "صحت و حال خوب", "fa": "سلامتی و حال خوب"},
            [
                (
                    {
                        "en": "We will give you your health history and help you register with a doctor and a dentist near where you live.",
                        "ar": "سنعطيك تاريخك الصحي ونساعدك على التسجيل لدى طبيب وطبيب أسنان قرب سكنك.",
                        "ps": "ستاسو د روغتیا تاریخچه به درکړو او مرسته به درسره وکړو چې د خپل اوسېدو ځای ته نږدې له ډاکټر او د غاښونو له ډاکټر سره نوم ولیکئ.",
                        "fa_AF": "سابقهٔ صحی‌ات را به تو می‌دهیم و کمکت می‌کنیم که نزد داکتر و داکتر دندان محل زندگی‌ات نام‌نویسی کنی.",
                        "fa": "سابقهٔ سلامتی‌ات را به تو می‌دهیم و کمکت می‌کنیم نزد پزشک و دندان‌پزشک محل زندگی‌ات ثبت‌نام کنی.",
                    },
                    {},
                ),
                (
                    {
                        "en": "If you feel low or worried, we will help you get support quickly.",
                        "ar": "إذا شعرت بالحزن أو القلق، سنساعدك في الحصول على الدعم بسرعة.",
                        "ps": "که خپه یا اندېښمن یاست، مرسته به درسره وکړو چې ژر ملاتړ ترلاسه کړئ.",
                        "fa_AF": "اگر غمگین یا پریشان باشی، کمکت می‌کنیم که زود حمایت بگیری.",
                        "fa": "اگر غمگین یا نگران باشی، کمکت می‌کنیم زود حمایت بگیری.",
                    },
                    {
                        "en": "You do not have to wait until things get worse.",
                        "ar": "لا داعي لأن تنتظر حتى تسوء الأمور.",
                        "ps": "اړتیا نشته چې تر هغه انتظار وباسئ چې حالات خراب شي.",
                        "fa_AF": "لازم نیست منتظر بمانی تا وضعیت بدتر شود.",
                        "fa": "لازم نیست منتظر بمانی تا اوضاع بدتر شود.",
                    },
                ),
            ],
        ),
    ],
}

# Made-up comments from earlier rounds, approved by the participation officer: (audience, promise index, words).
COMMENTS = [
    (IN_CARE, 2, "I had three social workers this year and nobody told me when they changed."),
    (IN_CARE, 5, "My carer helped me find a quiet place to do homework. That really helped."),
    (CARE_LEAVER, 1, "When my adviser was off sick nobody answered for two weeks."),
]

ANSWERS_GIVEN = [
    (
        IN_CARE,
        2,
        {
            "en": "From January, your new social worker will meet you with your old one before the change, so you hear it first from them.",
            "ar": "ابتداءً من يناير، سيلتقي بك الأخصائي الجديد مع الأخصائي القديم قبل التغيير، لتسمع الخبر منهما أولًا.",
        },
        {
            "en": "Since January, 9 out of 10 changes of social worker started with a meeting together.",
            "ar": "منذ يناير، بدأت 9 من كل 10 تغييرات في الأخصائي الاجتماعي باجتماع مشترك.",
        },
    ),
    (
        CARE_LEAVER,
        1,
        {
            "en": "Every personal adviser now shares a team inbox, so someone replies to you even when your adviser is away.",
            "ar": "صار لكل المستشارين الشخصيين بريد مشترك للفريق، ليرد عليك أحد حتى عندما يكون مستشارك غائبًا.",
            "ps": "اوس ټول شخصي سلاکاران د ټیم ګډ صندوق لري، نو که ستاسو سلاکار نه وي هم څوک به تاسو ته ځواب درکړي.",
            "fa_AF": "حالا همه مشاوران شخصی یک صندوق پیام مشترک تیمی دارند، پس حتی وقتی مشاورت نیست، کسی به تو جواب می‌دهد.",
            "fa": "حالا همهٔ مشاوران شخصی یک صندوق پیام مشترک تیمی دارند، پس حتی وقتی مشاورت نیست، کسی به تو جواب می‌دهد.",
        },
        {},
    ),
]


def _write(authority, audience: str, content: dict):
    pledge = service.get_pledge(authority.id, audience, create=True)
    version = service.start_draft(pledge)
    version.title = content["title"]
    version.introduction = content["introduction"]
    for theme_title, promises in content["themes"]:
        theme = service.add_theme(version, authority, theme_title)
        for text, meaning in promises:
            service.add_promise(theme, authority, text, meaning)
    service.publish(version, authority)
    return version


def _sample_ratings(rng: random.Random, rnd, version, bands: list[str], improve: float) -> int:
    """Made-up ratings for a closed round. `improve` shifts answers towards "kept"."""
    raters = 0
    for index, promise in enumerate(version.promises):
        n = rng.randint(16, 30)
        raters = max(raters, n)
        kept = min(0.8, 0.3 + 0.05 * (index % 5) + improve)
        weights = [kept, 0.3, max(0.05, 0.6 - kept), 0.1]
        for _ in range(n):
            answer = rng.choices(ANSWERS, weights=weights)[0]
            db.session.add(
                PledgeRating(authority_id=rnd.authority_id, round_id=rnd.id, promise_id=promise.id, answer=answer, age_band=rng.choice(bands))
            )
    return raters


def load(authority, people):
    pledge = _write(authority, IN_CARE, PLEDGE)
    charter = _write(authority, CARE_LEAVER, CHARTER)
    now = utcnow()
    rng = random.Random(2024)
    closed = []
    # Rounds that close in the last two complete quarters, so the board pack has a round (and its
    # movers) for the quarter it opens on.
    summer = last_complete(now.date())
    for name, quarter, improve in (("Spring", summer.previous(), 0.0), ("Summer", summer, 0.12)):
        rnd = service.create_round(authority.id, name, quarter.starts_at + timedelta(days=5), quarter.ends_at - timedelta(days=5))
        in_care = _sample_ratings(rng, rnd, pledge, ["8-11", "12-17", "12-17"], improve)
        leavers = _sample_ratings(rng, rnd, charter, ["18-25", "18-25", "12-17"], improve)
        service.seal_round(rnd, now=rnd.closes_at)
        rnd.participants = {IN_CARE: in_care, CARE_LEAVER: leavers}
        closed.append(rnd)
    service.create_round(authority.id, "Autumn", max(now - timedelta(days=9), closed[-1].closes_at + timedelta(days=1)), now + timedelta(days=30))

    versions = {IN_CARE: pledge, CARE_LEAVER: charter}
    last = closed[-1]
    for audience, index, words in COMMENTS:
        item = moderation.submit_text(
            authority_id=authority.id, source="pledge.comment", text=words, language="en", author=None, audience="council"
        )
        db.session.add(PledgeComment(authority_id=authority.id, round_id=last.id, promise_id=versions[audience].promises[index].id, comment_item_id=item.id))
        moderation.approve(item, people["participation"])
    for audience, index, we_will, we_did in ANSWERS_GIVEN:
        service.save_answer(versions[audience].promises[index].lineage_id, last, authority, we_will=we_will, we_did=we_did, by=people["manager"])
    db.session.flush()
