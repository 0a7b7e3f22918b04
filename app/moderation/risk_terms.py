"""Default risk phrases, by language and by kind of risk. Councils add their own on top.

How entries are matched (see screening.py):
- case, accents and Arabic-script letter variants are folded (except Vietnamese, whose tone marks
  carry meaning), so "Suicide", "suicide" and "SUICIDE" are one entry;
- a phrase matches whole words only: "kill myself" does not match "skill myself";
- words of a phrase may be joined by spaces, hyphens or nothing ("self harm", "self-harm",
  "selfharm"; Persian "می خواهم" or "میخواهم");
- a trailing * lets the last word run on ("suicid*" matches "suicide" and "suicidal");
- an apostrophe is optional ("don't" or "dont");
- an entry starting "re:" is a regular expression over the folded text (lower case; its letters
  are folded like the text, its escapes are left as written). These catch what a fixed
  phrase cannot: "my foster dad ... hit me", "if I tell ... they will hurt me", quantities of pills;
- Latin-script text is also matched after undoing digits for letters ("k1ll mys3lf"), runs of one
  letter ("pleeease") and near-spellings of the longer risk words ("sucide"); see screening.py.

`SAFE_CONTEXTS` lists everyday sentences a risk phrase can sit inside without meaning risk ("my
dog ran away", "I hurt myself playing football"): a finding wholly inside one is dropped.

The lists aim at what a young person might actually write when something is wrong, and leave out
everyday hyperbole ("this homework is killing me", "I'd die for pizza", "killing it at football").
They are a starting point: each council's safeguarding lead should review them with people who
speak each language, and add local words (slang, place names used for exploitation) on the
screening lists page.
"""
from __future__ import annotations

SELF_HARM = "self_harm"
SUICIDE = "suicide"
ABUSE = "abuse"
SEXUAL_ABUSE = "sexual_abuse"
EXPLOITATION = "exploitation"
MISSING = "missing"
UNSAFE = "unsafe"
CATEGORIES = (SUICIDE, SELF_HARM, ABUSE, SEXUAL_ABUSE, EXPLOITATION, MISSING, UNSAFE)

DEFAULT_RISK_TERMS: dict[str, dict[str, list[str]]] = {
    "en": {
        SUICIDE: [
            "suicid*", "kill myself", "killing myself", "end my life", "ending my life",
            "end it all", "want to die", "wanna die", "want to be dead", "wish i was dead",
            "wish i were dead", "better off dead", "better off without me", "no reason to live",
            "nothing to live for", "don't want to live", "don't want to be alive",
            "don't want to be here anymore", "don't want to wake up", "take my own life",
            "hang myself", "jump off a bridge", "nobody would miss me", "no one would miss me",
            "overdose", "took an overdose", "take all my pills",
        ],
        SELF_HARM: [
            "self harm*", "self-injur*", "cut myself", "cutting myself", "cuts on my arm*",
            "hurt myself", "hurting myself", "burn myself", "burning myself", "starving myself",
            "punish myself",
        ],
        ABUSE: [
            "hits me", "hitting me", "he hit me", "she hit me", "they hit me", "beats me up",
            "beat me up", "beating me up", "punches me", "punched me", "slaps me", "slapped me",
            "kicks me", "he hurts me", "she hurts me", "they hurt me", "hurting me at home",
            "hurt me at home", "locks me in", "locked me in", "won't let me eat",
            "doesn't feed me", "don't feed me", "threatens me", "threatened to kill me",
            "abuse*", "abusive", "domestic violence",
        ],
        SEXUAL_ABUSE: [
            "touched me", "touches me", "touching me", "rape", "raped", "rapes", "raping", "rapist", "sexual assault*",
            "sexually assaulted", "molest*", "made me do sexual", "makes me do sexual",
            "send nudes", "sent nudes", "asked for nudes", "nude pics", "groomed", "grooming",
        ],
        EXPLOITATION: [
            "county lines", "run drugs", "running drugs", "carry drugs", "hold drugs",
            "holding drugs", "sell drugs", "selling drugs", "drug debt", "owe them money",
            "made me sell", "older boyfriend", "gave me money for",
            "pays me to", "trafficked", "trafficking",
        ],
        MISSING: [
            "run away", "running away", "ran away", "runaway", "go missing", "going missing",
            "went missing", "leave and never come back", "sleeping rough", "sleep on the street*",
            "nowhere to sleep", "nowhere to go",
        ],
        UNSAFE: [
            "not safe at home", "don't feel safe", "dont feel safe", "not safe here",
            "i'm not safe", "i am not safe", "scared to go home", "afraid to go home",
            "scared of my carer*", "scared of my foster*", "afraid of my carer*",
            "scared of him", "scared of her", "scared of them", "no one helps me",
            # "please help me", but not "please help me with my maths"
            r"re:please (?:someone |somebody )?help me\b(?! (?:with|find|to|do|get|pick|choose|make|write|fix|understand|learn|revise|practi[cs]e|decide|out)\b)",
            r"re:help me please\b",
        ],
    },
    "ar": {
        SUICIDE: [
            "انتحار", "انتحر*", "أنتحر", "سأنتحر", "اقتل نفسي", "أقتل نفسي", "قتل نفسي",
            "أريد أن أموت", "اريد ان اموت", "بدي موت", "أبغى أموت", "ودي أموت",
            "أتمنى لو كنت ميت*", "أتمنى الموت", "لا أريد أن أعيش", "لا اريد العيش",
            "أنهي حياتي", "انهاء حياتي", "لا سبب للعيش",
        ],
        SELF_HARM: [
            "أؤذي نفسي", "اذي نفسي", "إيذاء النفس", "أذية نفسي", "أجرح نفسي", "جرحت نفسي",
            "أحرق نفسي",
        ],
        ABUSE: [
            "يضربني", "تضربني", "يضربونني", "يضربوني", "ضربني", "ضربتني", "ضربوني",
            "يعنفني", "تعنفني", "عنف أسري", "يؤذيني", "تؤذيني", "يؤذونني", "يحبسني",
            "يهددني", "تهددني", "لا يطعمونني", "إساءة",
        ],
        SEXUAL_ABUSE: [
            "تحرش*", "يتحرش بي", "اغتصب*", "اغتصاب", "لمسني", "يلمسني", "اعتداء جنسي",
            "اعتدى علي", "صور عارية",
        ],
        EXPLOITATION: [
            "يجبرونني", "أجبروني", "يجبرني", "أجبرني", "يستغلني", "يستغلونني", "أبيع مخدرات",
            "أنقل مخدرات", "بيع المخدرات", "دين مخدرات", "اتجار بالبشر", "تهريب",
        ],
        MISSING: [
            "سأهرب", "أهرب من البيت", "اهرب من البيت", "هربت", "الهروب من البيت",
            "أريد أن أهرب", "بدي اهرب", "أنام في الشارع", "ليس لدي مكان أنام",
        ],
        UNSAFE: [
            "لست بأمان", "لست في أمان", "لا أشعر بالأمان", "ما حاس بأمان", "غير آمن في البيت",
            "خائف من العودة إلى البيت", "خائفة من العودة إلى البيت", "أخاف أرجع البيت",
            "ساعدوني", "أنقذوني",
        ],
    },
    "ps": {
        SUICIDE: [
            "ځان وژنه", "ځانوژنه", "ځان ووژنم", "ځان وژنم", "ځان به ووژنم", "غواړم مړ شم",
            "مړ کېدل غواړم", "مرګ غواړم", "نه غواړم ژوندی واوسم", "ژوند نه غواړم",
            "خپل ژوند پای ته ورسوم",
        ],
        SELF_HARM: [
            "ځان ته زیان", "ځان ته ضرر", "ځان ټپي کوم", "ځان ټپي کړم", "ځان سوځوم",
            "ځان ته تکلیف ورکوم",
        ],
        ABUSE: [
            "ما وهي", "ما وهی", "وهي مې", "ما یې ووهلم", "ما یې وهلم", "ووهلم", "وهل ټکول",
            "ما ډبوي", "تاوتریخوالی", "ګواښ راته کوي", "ډوډۍ نه راکوي",
        ],
        SEXUAL_ABUSE: [
            "جنسي تیری", "جنسي ځورونه", "تیری یې وکړ", "ما ته یې لاس راوړ", "بد لاس",
            "جنسي تېری",
        ],
        EXPLOITATION: [
            "مجبوروي مې", "مجبوروي", "مجبور یې کړم", "نشه یي توکي", "مخدره مواد پلورم",
            "قاچاق", "پور ورکوم",
        ],
        MISSING: [
            "تښتم", "وتښتم", "تښتېدل غواړم", "له کوره وتښتېدم", "له کوره تښتم", "ورک شم",
            "په سړک ویده کېږم",
        ],
        UNSAFE: [
            "خوندي نه یم", "په کور کې خوندي نه یم", "امن نه احساسوم", "ویره لرم کور ته ولاړ شم",
            "له کوره ویره لرم", "مرسته وکړئ", "مرسته راسره وکړئ",
        ],
    },
    "fa_AF": {
        SUICIDE: [
            "خودکشی", "خود کشی", "خود را بکشم", "خودم را بکشم", "خوده بکشم", "می خواهم بمیرم",
            "میخواهم بمیرم", "مردن می خواهم", "نمی خواهم زنده باشم", "زندگی را تمام کنم",
        ],
        SELF_HARM: [
            "به خود آسیب", "به خودم آسیب", "خود زنی", "خودزنی", "خود را زخمی", "خوده زخمی",
        ],
        ABUSE: [
            "لت و کوب", "مرا لت می کند", "مره لت میکنه", "مرا می زند", "مره میزنه",
            "لتم می کنند", "آزار و اذیت", "تهدیدم می کند", "نان نمی دهند",
        ],
        SEXUAL_ABUSE: [
            "تجاوز جنسی", "تجاوز کرد", "آزار جنسی", "به من دست زد", "دست درازی",
        ],
        EXPLOITATION: [
            "مجبورم می کنند", "مجبورم کرد", "مواد مخدر بفروشم", "مواد مخدر انتقال", "قاچاق",
            "قرضدار هستم",
        ],
        MISSING: [
            "فرار می کنم", "فرار کردم", "فرار کنم", "از خانه فرار", "گم شوم", "در سرک می خوابم",
        ],
        UNSAFE: [
            "امن نیستم", "در خانه امن نیستم", "احساس امنیت نمی کنم", "می ترسم خانه بروم",
            "کمکم کنید", "کمک کنید",
        ],
    },
    "fa": {
        SUICIDE: [
            "خودکشی", "خودمو بکشم", "خودم را بکشم", "خودمو می کشم", "می خواهم بمیرم",
            "میخوام بمیرم", "می خوام بمیرم", "دلم می خواد بمیرم", "نمی خوام زنده باشم",
            "به زندگیم پایان بدم",
        ],
        SELF_HARM: [
            "خودزنی", "به خودم آسیب", "به خودم صدمه", "رگمو بزنم", "خودمو زخمی",
        ],
        ABUSE: [
            "منو می زنه", "مرا می زند", "کتکم می زنه", "کتکم می زند", "کتک می خورم",
            "آزارم می ده", "آزارم می دهد", "تهدیدم می کنه", "خشونت خانگی",
        ],
        SEXUAL_ABUSE: [
            "تجاوز", "آزار جنسی", "بهم دست زد", "به من دست زد", "سوء استفاده جنسی",
        ],
        EXPLOITATION: [
            "مجبورم می کنن", "مجبورم می کنند", "مواد بفروشم", "مواد جابجا", "قاچاق",
            "سوء استفاده",
        ],
        MISSING: [
            "فرار می کنم", "فرار کردم", "از خونه فرار", "از خانه فرار", "گم و گور", "تو خیابون می خوابم",
        ],
        UNSAFE: [
            "امنیت ندارم", "احساس امنیت نمی کنم", "تو خونه امن نیستم", "می ترسم برم خونه",
            "کمکم کنید", "کمک کنید",
        ],
    },
    "ckb": {
        SUICIDE: [
            "خۆکوشتن", "خۆم بکوژم", "خۆم دەکوژم", "دەمەوێت بمرم", "دەمەوێ بمرم", "حەز دەکەم بمرم",
            "نامەوێت بژیم", "ژیانم کۆتایی پێ بهێنم",
        ],
        SELF_HARM: [
            "ئازاری خۆم", "ئازار بە خۆم", "خۆم بریندار", "خۆ ئازاردان",
        ],
        ABUSE: [
            "لێم دەدات", "لێم دەدەن", "لێیدام", "لێیان دام", "ئازارم دەدات", "ئازارم دەدەن",
            "هەڕەشەم لێ دەکات", "توندوتیژی",
        ],
        SEXUAL_ABUSE: [
            "دەستدرێژی سێکسی", "دەستدرێژی", "دەستی لێدام",
        ],
        EXPLOITATION: [
            "ناچارم دەکەن", "ناچاری کردم", "ماددەی هۆشبەر", "قاچاخ", "بازرگانی بە مرۆڤ",
        ],
        MISSING: [
            "هەڵدێم", "هەڵاتم", "لە ماڵ هەڵدێم", "ون دەبم", "لە شەقام دەخەوم",
        ],
        UNSAFE: [
            "سەلامەت نیم", "لە ماڵەوە سەلامەت نیم", "هەست بە ئاسایش ناکەم", "دەترسم بچمەوە ماڵ",
            "یارمەتیم بدەن",
        ],
    },
    "ti": {
        SUICIDE: [
            "ርእሰ ቅትለት", "ነብሰይ ክቐትል", "ርእሰይ ክቐትል", "ክመውት እደሊ", "ክመውት ደልየ",
            "ክነብር ኣይደልን", "ህይወተይ ከብቅዕ",
        ],
        SELF_HARM: [
            "ርእሰይ ክጎድእ", "ነብሰይ ክጎድእ", "ርእሰይ ኣቝሲለ", "ርእሰይ ክቖርጽ",
        ],
        ABUSE: [
            "ይወቕዓኒ", "ትወቕዓኒ", "ይወቕዑኒ", "ወቒዑኒ", "ይሃርመኒ", "ትሃርመኒ", "ይሃርሙኒ",
            "የፈራርሃኒ", "ዓመጽ ኣብ ገዛ",
        ],
        SEXUAL_ABUSE: [
            "ጾታዊ ዓመጽ", "ጾታዊ ጥቕዓት", "ዓመጸኒ", "ተዓሚጸ", "ኣካላተይ ተንኪዩ",
        ],
        EXPLOITATION: [
            "የገድዱኒ", "ይግድደኒ", "ኣገዲዶምኒ", "ዕጽ ከሸይጥ", "ዕጽ ክሽከም", "ምሕዋይ ሰባት",
        ],
        MISSING: [
            "ክሃድም እየ", "ክሃድም", "ሃዲመ", "ካብ ገዛ ሃዲመ", "ኣብ ጎደና ደቂሰ",
        ],
        UNSAFE: [
            "ውሑስ ኣይኮንኩን", "ኣብ ገዛ ውሑስ ኣይኮንኩን", "ድሕንነት ኣይስመዓንን", "ናብ ገዛ ክኸይድ እፈርህ",
            "ሓግዙኒ",
        ],
    },
    "am": {
        SUICIDE: [
            "ራስን ማጥፋት", "ራሴን ማጥፋት", "ራሴን እገድላለሁ", "ራሴን መግደል", "መሞት እፈልጋለሁ",
            "መሞት እፈልጋለው", "መኖር አልፈልግም", "ሕይወቴን ማጥፋት", "ህይወቴን ማጥፋት",
        ],
        SELF_HARM: [
            "ራሴን መጉዳት", "ራሴን እጎዳለሁ", "ራሴን ጎዳሁ", "ራሴን ቆረጥኩ",
        ],
        ABUSE: [
            "ይደበድበኛል", "ትደበድበኛለች", "ይደበድቡኛል", "ደበደበኝ", "ደበደቡኝ", "ይመቱኛል",
            "ይመታኛል", "ያስፈራራኛል", "ምግብ አይሰጡኝም", "የቤት ውስጥ ጥቃት",
        ],
        SEXUAL_ABUSE: [
            "ጾታዊ ጥቃት", "ወሲባዊ ጥቃት", "ተደፈርኩ", "ደፈረኝ", "መደፈር", "ነካኝ",
        ],
        EXPLOITATION: [
            "ያስገድዱኛል", "አስገደዱኝ", "ያስገድደኛል", "አደንዛዥ ዕፅ", "ዕፅ እንድሸጥ", "የሰው ዝውውር",
        ],
        MISSING: [
            "እጠፋለሁ", "ጠፋሁ", "ከቤት እጠፋለሁ", "እሸሻለሁ", "ከቤት ሸሸሁ", "መንገድ ላይ እተኛለሁ",
        ],
        UNSAFE: [
            "ደህንነት አይሰማኝም", "ደህና አይደለሁም", "በቤት ደህና አይደለሁም", "ወደ ቤት መሄድ እፈራለሁ",
            "እርዱኝ",
        ],
    },
    "sq": {
        SUICIDE: [
            "vetëvras*", "vetevras*", "të vras veten", "ta vras veten", "do vras veten",
            "dua të vdes", "dua te vdes", "dëshiroj të vdes", "nuk dua të jetoj",
            "t'i jap fund jetës", "ti jap fund jetes",
        ],
        SELF_HARM: [
            "dëmtoj veten", "lëndoj veten", "lëndova veten", "pres veten", "preva veten",
            "vetëdëmtim*",
        ],
        ABUSE: [
            "më rreh", "më rrahin", "më rrahu", "më godet", "më goditi", "më qëllon",
            "më kërcënon", "dhunë në familje", "abuzim*", "më abuzon",
        ],
        SEXUAL_ABUSE: [
            "përdhun*", "ngacmim seksual", "më ngacmon", "abuzim seksual",
        ],
        EXPLOITATION: [
            "më detyrojnë", "më detyroi", "shes drogë", "mbaj drogë", "trafikim*", "u trafikova",
            "u kam borxh",
        ],
        MISSING: [
            "do të arratisem", "do arratisem", "u arratisa", "ika nga shtëpia", "iki nga shtëpia",
            "fle në rrugë",
        ],
        UNSAFE: [
            "nuk ndihem i sigurt në shtëpi", "nuk ndihem e sigurt në shtëpi",
            "nuk jam i sigurt në shtëpi", "nuk jam e sigurt në shtëpi",
            "kam frikë të shkoj në shtëpi", "kam frikë nga kujdestari", "më ndihmoni",
        ],
    },
    "vi": {
        SUICIDE: [
            "tự tử", "tự sát", "muốn chết", "giết bản thân", "tự giết mình", "không muốn sống",
            "kết thúc cuộc đời", "chấm dứt cuộc sống",
        ],
        SELF_HARM: [
            "tự làm hại", "tự làm đau", "tự hại", "rạch tay", "cắt tay",
        ],
        ABUSE: [
            "đánh tôi", "đánh em", "đánh con", "bạo hành", "ngược đãi", "đe dọa tôi",
            "bạo lực gia đình", "không cho ăn",
        ],
        SEXUAL_ABUSE: [
            "hiếp dâm", "xâm hại tình dục", "quấy rối tình dục", "sờ vào người", "sờ mó",
        ],
        EXPLOITATION: [
            "bắt tôi làm", "ép tôi", "ép em", "trồng cần sa", "bán ma túy", "buôn người",
            "nợ tiền họ", "nợ tiền đường dây",
        ],
        MISSING: [
            "bỏ trốn", "bỏ nhà đi", "trốn khỏi nhà", "sẽ trốn đi", "ngủ ngoài đường",
        ],
        UNSAFE: [
            "tôi không an toàn", "em không an toàn", "không an toàn ở nhà", "sợ về nhà", "sợ phải về nhà", "cứu tôi", "cứu em", "giúp tôi với",
        ],
    },
    "kmr": {
        SUICIDE: [
            "xwekuştin", "xwe bikujim", "xwe dikujim", "ez ê xwe bikujim", "dixwazim bimirim",
            "naxwazim bijîm", "jiyana xwe biqedînim",
        ],
        SELF_HARM: [
            "zirarê bidim xwe", "zirarê didim xwe", "xwe birîndar dikim", "xwe birîndar kir",
        ],
        ABUSE: [
            "li min dixe", "li min dixin", "li min xist", "li min xistin", "min dikute", "min kutan",
            "tundiya malbatê", "tehdîdê li min dike", "îstismar*",
        ],
        SEXUAL_ABUSE: [
            "destdirêjiya zayendî", "destdirêjî", "tecawiz*", "tecawuz*", "destê xwe da min",
        ],
        EXPLOITATION: [
            "min neçar dikin", "min neçar kir", "madeyên hişbir", "tiryak bifroşim",
            "bazirganiya mirovan",
        ],
        MISSING: [
            "ez ê birevim", "ji malê birevim", "ji malê reviyam", "reviyam", "li kolanê radizêm",
        ],
        UNSAFE: [
            "ez ne ewle me", "li malê ne ewle me", "ditirsim biçim malê", "alîkariya min bikin",
        ],
    },
    "so": {
        SUICIDE: [
            "is dil", "isdil", "is dilid", "inaan is dilo", "waxaan rabaa inaan dhinto",
            "dhimasho ayaan rabaa", "ma rabo inaan noolaado",
        ],
        SELF_HARM: [
            "is dhaawac*", "naftayda waxyeello", "is jarjaray", "is jarjaraa",
        ],
        ABUSE: [
            "i garaaca", "i garaacay", "i garaacaan", "i garaaceen", "i karbaasha", "rabshad qoys",
            "i handadaa", "xadgudub*",
        ],
        SEXUAL_ABUSE: [
            "kufsi", "la i kufsaday", "i kufsaday", "faraxumeyn*", "xadgudub galmo", "i taabtay",
        ],
        EXPLOITATION: [
            "i qasbaan", "i qasbay", "daroogo iibiyo", "daroogo iibin", "ka ganacsiga dadka",
        ],
        MISSING: [
            "waan baxsanayaa", "ka cararay guriga", "guriga ka cararay", "ka carari doonaa",
            "guriga ka baxsaday", "waddada ayaan seexdaa",
        ],
        UNSAFE: [
            "ammaan ma ihi", "guriga ammaan kuma ihi", "waan ka baqayaa inaan guriga aado", "i caawiya",
        ],
    },
}

def _extend(language: str, category: str, phrases: list[str]) -> None:
    DEFAULT_RISK_TERMS[language].setdefault(category, []).extend(phrases)


# --- English: slang, misspellings, methods, who harms, exploitation, threats, neglect ------------

_WHO = (
    r"(?:he|she|they|someone|somebody|a man|a woman|the man|the lady|"
    r"(?:my |the |our |his |her )?(?:(?:foster|step|birth|real|new) ?)?"
    r"(?:dad|mum|mom|father|mother|parents?|carers?|brother|sister|uncle|aunt(?:ie)?|nan|grandad|cousin|"
    r"boyfriend|girlfriend|bf|gf|partner|staff|key ?worker|support worker|care worker|residential worker|"
    r"night staff|manager|teacher|coach)(?:'?s (?:son|daughter|boyfriend|friend|mate))?|"
    r"(?:an |my |the |some )?older (?:friends?|boys?|guys?|men|man|lads?|girls?|kids?)|(?:the )?olders)"
)
_HARM = (
    r"(?:hit|hits|hitting|beat|beats|beating|punch(?:es|ed|ing)?|slap(?:s|ped|ping)?|kick(?:s|ed|ing)?|"
    r"hurt(?:s|ing)?|chok(?:e|es|ed|ing)|strangl(?:e|es|ed|ing)|grab(?:s|bed|bing)?|push(?:es|ed|ing)?|"
    r"shov(?:e|es|ed|ing)|burn(?:s|ed|t)?|touch(?:es|ed|ing)?|lock(?:s|ed)? (?:me )?(?:in|out)|"
    r"starv(?:e|es|ed|ing)|threaten(?:s|ed|ing)?|scream(?:s|ed)? at|drag(?:s|ged)?|throw(?:s)?|threw|bit|bites)"
)
_PILLS = r"(?:paracetamol|pills|tablets|painkillers|meds|medication|medicine|sleeping pills|ibuprofen|aspirin|antidepressants)"
_extend("en", SUICIDE, [
    r"re:\bkil+ ?(?:my ?self|meself)\b", r"re:\bunaliv(?:e|ing|ed)\b", r"re:(?<!\d)(?<!\d )\bkms\b", r"re:\bkys\b",
    r"re:\bsewer ?slide\b", r"re:\bsu[i1!]c[i1!]d",
    r"re:(?:going to|gonna|want to|wanna|will|i'?ll|about to|ready to|plan to|planning to) end (?:it|it all|my life|everything)\b",
    r"re:(?:sleep|fall asleep|go to bed) and (?:never|not) wake up", "never wake up again",
    r"re:(?:no|any) point (?:in )?(?:living|being alive|being here|going on|carrying on)",
    r"re:(?:don'?t|do not|dont) (?:want|wanna) to (?:live|be alive|exist|be here) (?:any ?more|no more)",
    r"re:(?:want|wanna|going|gonna|ready|deserve|wish i could|plan|planning) (?:to )?d[i1!]e\b",
    r"re:\b(?:jump|jumping|throw myself) (?:off|from|in front of) (?:a |the |that )?(?:\w+ ){0,2}(?:bridge|building|roof|car ?park|cliff|train|tower|balcony|window)",
    r"re:\b(?:got|have|bought|found|tie|tied) (?:a |the )?(?:rope|noose)\b", "noose", "rope ready",
    "hang myself", "hanging myself", "better off without me", "don't want to be alive", "want to disappear forever",
])
_extend("en", SELF_HARM, [
    r"re:\bself[ -]?har+m", r"re:\bcut(?:ting|s)? (?:my |both )?(?:wrists?|arms?|legs?|thighs?|skin|stomach)\b",
    r"re:\b(?:burn|burning|burnt|burned) (?:my |both )?(?:arms?|skin|legs?|wrists?|hands?|thighs?)\b",
    r"re:\bwith (?:a |my )?(?:lighter|razor|blade|compass|sharpener blade)\b",
    r"re:\bscratch(?:ing|ed)? myself\b", r"re:\b(?:till|until|so) i bleed\b", "make myself bleed",
    r"re:\bsh (?:again|last night|yesterday|today|tonight)\b", r"re:\brelaps(?:ed|ing)\b",
])
_extend("en", SUICIDE, [  # overdoses
    rf"re:\b(?:took|take|taking|swallowed|swallow|ate|downed|necked)\s+(?:a load of|loads of|lots of|all (?:of )?(?:my|the|mums?|dads?)|\d+|a bunch of|a handful of|(?:a |the )?whole (?:box|packet|bottle|pack) of|too many|a lot of|every)\s+(?:my |the |of )?{_PILLS}",
    r"re:\bod(?:'?d|ed|ing)\b", "overdosed", "overdosing",
])
_extend("en", ABUSE, [
    rf"re:\b{_WHO}\b(?: \w+){{0,6}}? {_HARM} (?:me|us)\b",
    r"re:\b(?:comes?|came|coming|gets?|got) (?:in|into) my (?:room|bed)\b(?: \w+){0,3}? (?:at night|when)",
])
_extend("en", SEXUAL_ABUSE, [
    r"re:\b(?:makes?|made|making|forces?|forced|wants?|asks?|asked|keeps asking) me (?:to )?(?:send|sending) (?:him |her |them )?(?:nudes|pics|pictures|photos|a pic|videos)",
    r"re:\b(?:share|post|leak|send) (?:them|my pics|the pics|my photos|my nudes|the photos)\b",
    r"re:\b(?:make|makes|made|making) me do (?:stuff|things|sexual|sex)",
    r"re:\bolder \w+ (?:give|gives|gave|giving) me (?:vodka|alcohol|drink|booze|weed|drugs|money|presents|gifts)",
    r"re:\b(?:meet|see) (?:him|her|them|up with him) (?:on my own|alone|in secret|secretly|without telling)",
])
_extend("en", EXPLOITATION, [
    r"re:\bhold(?:ing)? (?:stuff|things|drugs|a package|packages|a bag|bags|a phone|phones|knives|a knife) for\b",
    r"re:\b(?:going|go|went|gone|sent) country\b", r"re:\b(?:county|country) lines?\b", r"re:\brun(?:ning)? (?:a )?lines?\b",
    r"re:\btrap ?house\b", r"re:\b(?:shotting|deal(?:ing)? for)\b",
    r"re:\b(?:send|sends|sent|take|takes|took) me (?:\w+ ){0,6}?to (?:sell|deliver|drop|collect|stash)\b",
    r"re:\b(?:says?|said|tells? me|told me) (?:that )?i owe (?:him|her|them)\b",
    r"re:\bi owe (?:them|him|her)\b(?: \w+){0,3}? (?:money|quid|pounds|grand|\d+)", r"re:\bwork (?:it|the debt) off\b",
])
_extend("en", UNSAFE, [  # threats made to keep a child quiet
    r"re:\b(?:kill|hurt|beat|stab|get|batter|smash|moved?) (?:me|my \w+|you)\b(?: \w+){0,2}? if i (?:tell|told|say|said|grass|snitch|speak)",
    r"re:\bif (?:i|you) (?:tell|told|say|said|grass|snitch)(?: \w+){0,6}? (?:kill|hurt|beat|stab|moved|never see|get hurt|be sorry|be taken|end up)",
    r"re:\bsnitches get stitches\b", r"re:\bour (?:little )?secret\b", r"re:\b(?:told|tells|made|makes) me (?:to )?keep (?:it|this) (?:a )?secret\b", r"re:\bnot (?:to )?tell (?:anyone|anybody|no ?one|my social worker|my worker)\b",
    r"re:\bscared (?:to|of) go(?:ing)? (?:back|home)\b",
])
_extend("en", MISSING, [
    r"re:\bdidn'?t (?:go|come) (?:home|back)(?: \w+){0,2}? for (?:\w+ )?(?:days|nights|a week)\b",
    r"re:\bstay(?:ed|ing)? (?:at|in) (?:some|a|this|an older) (?:guy|man|bloke|stranger|lad|older \w+)'?s",
])
_extend("en", ABUSE, [  # neglect
    r"re:\b(?:nobody|no one|they don'?t|they never|she doesn'?t|he doesn'?t|nobody ever) (?:feeds?|feed) me\b",
    r"re:\b(?:never|no|not) (?:any )?(?:food|anything to eat) in the (?:house|home|flat|fridge)\b",
    r"re:\b(?:no|don'?t have|haven'?t got) (?:any )?clean clothes\b", r"re:\bsleep(?:ing)? on the floor\b",
    r"re:\bleft (?:me )?(?:alone|on my own|home alone) (?:all|for) (?:night|day|days|the weekend|weekends)\b",
])

# Added after the first measurement on texts the lists had not seen (bench/README.md).
_extend("en", SUICIDE, [r"re:\b(?:don'?t|can'?t|cant|dont) see (?:the|any) point (?:of|in) (?:being here|living|being alive|going on|life|anything)"])
_extend("en", SELF_HARM, [r"re:\b(?:i'?m|im|been|started|start|keep|stop) cutting\b", r"re:\bcutting (?:again|myself|my self)\b"])
_extend("en", UNSAFE, [r"re:\bif i (?:tell|told|say|said)(?: \w+){0,6}? (?:take me away|be my fault|get (?:in|into) trouble|put me in care|send me back|move me)"])
_extend("en", EXPLOITATION, [r"re:\b(?:make|makes|made|force|forces|forced|get|gets) me (?:to )?(?:carry|hold|take|deliver|drop|sell|move|stash) (?:a |the |their |his )?(?:bag|bags|package|parcel|stuff|drugs|phone|things)"])
_extend("en", MISSING, [r"re:\b(?:nobody|no one|noone) knows where i am\b"])
_extend("en", ABUSE, [r"re:\b(?:haven'?t|not|have not|i'?ve not|ive not) eaten (?:since|for|in)\b", r"re:\bno food (?:again|at home|in the house)\b"])
_extend("ar", MISSING, [r"re:(?:بفكر|بدي|رح|راح|سوف|ح)\s*اهرب\b"])
_extend("ar", SELF_HARM, [r"re:\b[اب]?جرح\s+(?:نفسي|حالي)"])
_extend("ckb", MISSING, ["هەڵبێم", "لە ماڵ هەڵبێم"])
_extend("so", ABUSE, ["i garaacda", "i garaacdaa", "i garaacdo"])
_extend("so", MISSING, ["waan ka cararay", r"re:\bguriga\s+(?:\w+\s+)?ka carar\w*"])

# --- Arabic, with romanised Arabic (Arabizi) ---------------------------------------------------

_extend("ar", SUICIDE, [
    "ما بدي عيش", "ما بدي اعيش", "مابدي عيش", "ما عاد بدي عيش", "ما بدي كمل", "جرعة زائدة", "جرعه زايده",
    r"re:(?:اخذت|بلعت|شربت)\s+(?:كل|كتير|علبه|علبة|شريط)\s+(?:ال)?(?:حبوب|دوا|ادويه|حبات|اقراص)",
    r"re:\bb[aei]?d+[aiey]?\s+(?:a|e)?m(?:ou|oo|u|o)t\b",
    r"re:\b(?:ente|inti|nte|ante)[h7]a?e?r\b", r"re:\bma\s+b[ae]?d+[iey]\s+(?:a|e)?(?:3|a)?[ie]+sh\b",
    r"re:\b(?:a|e)?qtol\s+(?:nafsi|7ali|hali)\b",
])
_extend("ar", SELF_HARM, [r"re:(?:جرحت|قطعت|شطبت|شرحت)\s+(?:ايدي|يدي|حالي|نفسي|رجلي|معصمي|ايدين)"])
_extend("ar", ABUSE, [
    "بيضربني", "بتضربني", "بيضربوني", "عم يضربني", "يضربني كل يوم", "ما حدا بيهتم فيني", "ما حدا يهتم فيني",
    "ما في اكل بالبيت", "ما في اكل في البيت", "لا يوجد طعام في البيت", "ما بيطعموني", "ما بيعطوني اكل",
    r"re:\b(?:bi|b|y|ye|bye)?\s?(?:darbni|drabni|darabni|dorbni|edrebni|yedrabni|bedrbni)\b",
])
_extend("ar", UNSAFE, [r"re:(?:اذا|لو|ان)\s+(?:حكيت|قلت|خبرت|اخبرت|بلغت)\b.{0,50}(?:يقتل|يأذ|يوذ|يضرب|يذبح|يئذ|بيقتل|بيضرب)"])
_extend("ar", EXPLOITATION, [
    r"re:(?:يخلي|بيخلي|يجبر|بيجبر|يخلو|بيخلو)\S*\s+(?:او|ا)?(?:وصل|نقل|حمل|بيع|خبي|وزع)",
    r"re:(?:ارد|رد|ادفع)\s+(?:ال)?(?:دين|ديون)\b.{0,30}(?:والا|وإلا|او)",
])
_extend("ar", MISSING, [r"re:\b(?:ra[h7]|bdi|badi|bade)\s+[ea]?[h7]rob\b", r"re:\b[ea][h7]rob\s+(?:mn|men|min)\b"])

# --- Pashto, with romanised Pashto ------------------------------------------------------------

_extend("ps", SUICIDE, [
    "نه غواړم ژوندی پاتې شم", "ژوندی پاتې کېدل نه غواړم", "چې مړ شم", "چې ومرم",
    r"re:\bza?a?n\s+w?w?a[zj]h?nam\b", r"re:\bmar\s+sham\b",
])
_extend("ps", SELF_HARM, [r"re:(?:لاس|مړوند|مټ|ځان)\S*\s.{0,25}(?:پرې کړ|پری کړ|غوڅ کړ|ټپي کړ)"])
_extend("ps", ABUSE, [r"re:\bma\s+w[ao]h(?:i|ee|ey|ai)\b"])
_extend("ps", UNSAFE, [r"re:که\s+(?:چا|هیچا|چاته)\s*(?:ته)?\s*(?:ووایم|وایم|وویل).{0,40}(?:وژن|وه|ووژن|ووه)"])
_extend("ps", EXPLOITATION, [r"re:پور\S*\s.{0,40}(?:کار وکړم|کار کوم|کار وکړه)", r"re:مجبور\S*\s.{0,30}(?:بست|بسته|مواد|نشه)"])
_extend("ps", MISSING, [r"re:\bt[ae]sh+tam\b"])

# --- Dari and Farsi, with romanised forms ------------------------------------------------------

for _code in ("fa_AF", "fa"):
    _extend(_code, SUICIDE, [
        "که بمیرم", "تا بمیرم",
        r"re:(?:همه|تمام|مشت|بسته|عالمه|خیلی|زیاد|کل)\S*\s+(?:\S+\s+){0,2}?(?:تابلیت|قرص|گولی|دوا)\S*(?:\s+\S+){0,3}?\s+(?:خوردم|بلعیدم)",
        r"re:\bkhod(?:am|amo|emo|emu)?\s*(?:ra|ro|o)?\s*b[oe]k[ou]sh[aou]m\b", r"re:\bkhod\s?k[ou]sh[iy]\b",
        r"re:\bn[ae]m[ie]k?haa?h?a?m\s+z[ei]nd[ae]h?\s+b[ao]sh[ao]m\b",
    ])
    _extend(_code, SELF_HARM, [r"re:(?:دستم|رگم|رگمو|مچم|مچ دستم|بازوم|بازویم)\s+(?:را\s+|رو\s+)?(?:بریدم|زدم|بریدم|زخمی کردم)"])
    _extend(_code, ABUSE, [
        r"re:\b(?:mara|mano|mra|mnw)\s+(?:lat|mizan|mezan|mezana|mizane|mizanan|mizanand)\w*",
        r"re:(?:نان|غذا|خوراک)\s+(?:به\s+من\s+)?(?:نمی\s*دهند|نمی\s*دهد|نمیده|نمیدن|نمی ده|نمی دن)",
        r"re:(?:بهم|به من)\s+(?:نان|غذا)\s+(?:نمیده|نمیدن|نمی ده|نمی دهند|نمی دهد)",
    ])
    _extend(_code, UNSAFE, [r"re:(?:اگر|اگه)\s+(?:به\s+)?(?:کسی|هیچکس|کس)\s+(?:بگویم|بگم|بگوم|گفتم).{0,30}(?:می\s*کش|بکش|می\s*زن|لت)"])
    _extend(_code, EXPLOITATION, [
        r"re:مجبور\S*\s.{0,40}(?:بسته|مواد|جنس|پول)", r"re:(?:قرضدار|بدهکار)\S*\s.{0,40}کار\s+(?:کنم|بکنم)",
    ])
    _extend(_code, MISSING, [r"re:\bfar[ae]r\s+m[ie]kon(?:am|om|um)\b"])

# --- Kurdish (Sorani) --------------------------------------------------------------------------

_extend("ckb", SUICIDE, [r"re:(?:هەموو|زۆر|کۆمەڵێک)\s+(?:حەب|دەرمان)\S*\s+(?:\S+\s+)?(?:خوارد|قووت دا)"])
_extend("ckb", SELF_HARM, [r"re:(?:دەست|مەچەک|باسک)\S*\s.{0,25}(?:بڕی|بڕیم|بریندار کرد)"])
_extend("ckb", UNSAFE, [r"re:ئەگەر\s.{0,30}(?:بڵێم|بلێم|بڵێیت).{0,30}(?:دەمکوژ|لێم دەد)"])
_extend("ckb", EXPLOITATION, [r"re:قەرز\S*\s.{0,40}کار\s+(?:بکەم|دەکەم)"])
_extend("ckb", ABUSE, [r"re:(?:خواردن|نان)\S*\s+(?:پێ\s+)?(?:نادات|نادەن)"])

# --- Tigrinya, Amharic ------------------------------------------------------------------------

_extend("ti", SUICIDE, [r"re:(?:ኩሉ|ብዙሕ)\s+ከኒና\S*\s+(?:\S+\s+)?ውሒጠ"])
_extend("ti", SELF_HARM, [r"re:(?:ኢደይ|ቅልጽመይ|ኣእዳወይ)\s+(?:\S+\s+)?ቆሪጸ"])
_extend("ti", SEXUAL_ABUSE, ["ኣካላተይ ተንኪዩ*", "ተንኪዩኒ"])
_extend("ti", UNSAFE, [r"re:(?:እንተ\s*ነጊረ|እንተ\s*ተዛሪበ).{0,40}(?:ክቐትለ|ክወቕዓ|ክቐትሉ|ክሃርመ)"])
_extend("ti", EXPLOITATION, [r"re:ዕዳ\s.{0,40}ክሰርሕ"])
_extend("ti", ABUSE, ["መግቢ ኣይህቡንን", "መግቢ ኣይህቡኒን", "መግቢ ኣይህቡኒ"])
_extend("am", SUICIDE, [r"re:(?:ኪኒን|መድሃኒት|መድኃኒት)\S*\s+(?:ሁሉ\s+)?(?:ዋጥኩ|ወሰድኩ)"])
_extend("am", SELF_HARM, [r"re:(?:እጄን|ክንዴን|እጆቼን)\s+(?:\S+\s+)?ቆረጥኩ"])
_extend("am", UNSAFE, [r"re:(?:ብናገር|ብነግር|ከተናገርኩ|ብነግራቸው).{0,30}(?:ይገድለኛል|እንደሚገድለኝ|ይገድሉኛል|ይደበድበኛል|እንደሚገድሉኝ)"])
_extend("am", EXPLOITATION, [r"re:ዕዳ\s.{0,40}(?:መስራት|እሰራ)"])

# --- Albanian, Vietnamese, Kurmanji, Somali ---------------------------------------------------

_extend("sq", SUICIDE, [r"re:\b(?:piva|gelltita|mora)\s+(?:te\s+)?(?:gjitha|shume|nje kuti)\s+(?:tablet|hape|ilac|pilul|barn)\w*", "dua te vdes"])
_extend("sq", SELF_HARM, [r"re:\b(?:i\s+)?(?:preva|pres|cava)\s+(?:krah|dor|duar|kyc|kemb)\w*"])
_extend("sq", SEXUAL_ABUSE, ["më prek në mënyrë", "më prek në trup", "më preku në trup"])
_extend("sq", UNSAFE, [r"re:\b(?:po|nese|nqs)\s+(?:t'?i\s+)?(?:tregoj|them)\b.{0,40}(?:do\s+me\s+vras|me\s+vret|do\s+me\s+rrah)"])
_extend("sq", EXPLOITATION, [r"re:\bme\s+detyro\w*.{0,30}(?:drog|paket|pako|para)", "shpërndaj drogë"])
_extend("sq", MISSING, ["ik nga shtëpia", "do ik nga shtëpia"])
_extend("sq", ABUSE, ["nuk më japin ushqim", "nuk më japin për të ngrënë", "nuk më japin të ha"])
_extend("vi", SUICIDE, ["uống hết thuốc", "uống cả vỉ thuốc", "uống nhiều thuốc ngủ", "muon chet", "khong muon song", "tu sat"])
_extend("vi", UNSAFE, [r"re:nếu\s+(?:em|tôi|con|mình|tao)\s+(?:kể|nói|báo)\s.{0,40}(?:giết|đánh|hại)"])
_extend("vi", ABUSE, ["không cho em ăn", "không cho tôi ăn", "không cho con ăn", "bỏ đói"])
_extend("kmr", SUICIDE, [r"re:\bhemu\s+(?:heb|derman)\w*.{0,15}(?:daqurtand|xwar)\w*", "edi naxwazim bijim"])
_extend("kmr", SELF_HARM, [r"re:\b(?:deste|mile|zende)\s+xwe\s+birr?i\w*"])
_extend("kmr", UNSAFE, [r"re:\b(?:ger|eger|heke)\s.{0,30}(?:bibejim|bejim|bibejin).{0,30}(?:min bikuj|min dikuj|li min bix)"])
_extend("kmr", EXPLOITATION, [r"re:\bdeyn\w*.{0,70}kar\s+bikim\b"])
_extend("kmr", ABUSE, ["xwarinê nadin min", "xwarin nadin min", "nan nadin min"])
_extend("so", SUICIDE, [r"re:\b(?:liqay|cunay|qaatay)\s+(?:dhammaan|wax badan|dhowr)\s+(?:kiniin|daawo)\w*"])
_extend("so", SELF_HARM, [r"re:\b(?:gacan|cudud|jilib)\w*\s.{0,20}(?:jaray|jarjaray|gooyay)\b"])
_extend("so", SEXUAL_ABUSE, [r"re:\bjirkay\w*\s+(?:\w+\s+)?taab\w*"])
_extend("so", UNSAFE, [r"re:\b(?:haddaad|haddii aad|haddii aan|hadaad|haddaan)\s.{0,30}(?:sheegto|sheego|sheegtid|sheegay).{0,30}(?:ku dilay|ku dili|i dili|ku garaac|i garaac)"])
_extend("so", EXPLOITATION, [r"re:\bqasb\w*.{0,30}daroogo", r"re:\bdaroogo\s+(?:qaado|qaadaan|iibiyo|gudbiyo)\b", r"re:\bdeyn\w*.{0,70}shaqe\w*"])
_extend("so", ABUSE, ["cunto ima siiyaan", "cunto ima siiyo", "wax ima cuniyaan"])


# Everyday sentences a risk phrase can sit inside without meaning risk. A risk finding that lies
# wholly inside a match of one of these is dropped. Regular expressions over the folded text.
SAFE_CONTEXTS: dict[str, list[str]] = {
    "en": [
        r"\b(?:my |our |the |a |his |her )?(?:dog|cat|puppy|kitten|hamster|rabbit|bunny|bird|budgie|parrot|pet|horse|pony|tortoise|ferret|guinea pig|goldfish)s?\b(?: \w+){0,2}? (?:ran|run|runs|running) away\b",
        r"\b(?:film|movie|book|story|novel|character|show|episode|cartoon|song|play|game)\b.{0,40}\b(?:ran|runs|run|running) away\b",
        r"\b(?:ran|run|running) away from (?:the |a |some |these |those )?(?:geese|goose|dogs?|bees?|wasps?|spiders?|cows?|swans?|ducks?|seagulls?|pigeons?|rain|ball|waves?)\b",
        r"\bhurt (?:myself|my \w+) (?:playing|at|in|during|doing|on|when|while|falling|skating|riding|running|training)\b.{0,30}",
        r"\bcut (?:myself|my finger|my hand) (?:shaving|cooking|chopping|on a|on the|with the scissors|by accident)\b",
    ],
    "ar": [r"(?:القطه|القطة|البسه|البسة|الكلب|العصفور|الهامستر|الارنب|قطتي|كلبي)\s+(?:هربت|هرب)"],
    "fa_AF": [r"(?:در|تو|با)\s+(?:حساب|ریاضی|درس|درسها|تکلیف|انگلیسی|کارخانگی)\S*\s+کمک\S*(?:\s+\S+)?"],
    "fa": [r"(?:در|تو|با)\s+(?:حساب|ریاضی|درس|درسها|تکلیف|انگلیسی)\S*\s+کمک\S*(?:\s+\S+)?"],
    "vi": [
        r"(?:cười|mệt|đói|buồn|chán|nóng|lạnh|sợ|ngại|xấu hổ|vui|khát|buồn ngủ)\s+muốn\s+chết",
        r"\b(?:cuoi|met|doi|buon|chan|nong|lanh|so|ngai|vui|khat)\s+muon\s+chet\b",
    ],
}

# Longer risk words whose near-spellings in Latin-script text are read as the word itself
# ("sucide", "myslef", "paracetomol"): one letter wrong, or two in words of eight letters or more.
NEAR_SPELLED = (
    "suicide", "suicidal", "myself", "overdose", "overdosed", "paracetamol", "painkillers", "unalive",
    "strangle", "strangled", "trafficked", "trafficking", "wrists", "sewerslide",
)

# Languages whose marks must not be folded away: in Vietnamese "tự tử" (suicide) and "từ từ"
# (slowly) differ only in tone marks.
KEEP_MARKS = frozenset({"vi"})
