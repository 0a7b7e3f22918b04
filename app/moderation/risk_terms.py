"""Default risk phrases, by language and by kind of risk. Councils add their own on top.

How entries are matched (see screening.py):
- case, accents and Arabic-script letter variants are folded (except Vietnamese, whose tone marks
  carry meaning), so "Suicide", "suicide" and "SUICIDE" are one entry;
- a phrase matches whole words only: "kill myself" does not match "skill myself";
- words of a phrase may be joined by spaces, hyphens or nothing ("self harm", "self-harm",
  "selfharm"; Persian "می خواهم" or "میخواهم");
- a trailing * lets the last word run on ("suicid*" matches "suicide" and "suicidal");
- an apostrophe is optional ("don't" or "dont").

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
            "touched me", "touches me", "touching me", "rape*", "raping", "sexual assault*",
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
            "scared of him", "scared of her", "scared of them", "please help me",
            "help me please", "no one helps me",
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

# Languages whose marks must not be folded away: in Vietnamese "tự tử" (suicide) and "từ từ"
# (slowly) differ only in tone marks.
KEEP_MARKS = frozenset({"vi"})
