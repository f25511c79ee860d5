"""The names of the formats `careersite import` reads (and of the ATSs `careersite sync` follows),
apart from the importers themselves: the command line lists them in its help on every command,
and importing the importers to learn them would cost every command their load time."""

ATS_NAMES = ("greenhouse", "lever", "ashby", "workable", "recruitee", "smartrecruiters", "personio")
IMPORT_FORMATS = ("auto", "markdown", *ATS_NAMES)
