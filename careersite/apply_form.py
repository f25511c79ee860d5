"""The application form of a posting with `apply: form`: its fields, as the theme renders them and as
Netlify Forms takes them (detected at deploy time in the built HTML: a `name`, `data-netlify`, a
honeypot, multipart for the CV), and as `careersite serve` accepts them.

One form per posting (`apply-<slug>`): each posting asks its own questions, and Netlify keeps a
form's fields as the deployed HTML declares them. Hidden fields carry the posting's id, title and
URL, so a submission says which role it is for wherever it is read (Netlify's list, its e-mail
notification, an export)."""

from __future__ import annotations

from dataclasses import dataclass

from .config import SiteConfig
from .posting import Posting

FORM_ACTION = "/applied/"  # the thank-you page (pages.plan_pages), where Netlify sends a candidate after a submission
THANKS_PAGE = "applied/index.html"
HONEYPOT = "bot-field"
# the names of the form's own fields (apply_form() below, with the hidden ones): a question may not take one
FORM_FIELD_NAMES = ("form-name", HONEYPOT, "job-id", "job-title", "job-url", "subject", "name", "email", "phone",
                    "cv", "cover-letter", "linkedin", "portfolio", "consent")
# What a CV may be: by extension for the file picker and `serve`, by media type for browsers that filter by it
CV_EXTENSIONS = (".pdf", ".doc", ".docx")
CV_ACCEPT = ",".join(CV_EXTENSIONS + (
    "application/pdf", "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
MB = 1024 * 1024

# The voluntary US self-identification questions (EEO-1 categories, the wording of the OFCCP forms
# in short), each with a way not to answer.
DECLINE = "I don't wish to answer"
SELF_IDENTIFICATION = (
    ("eeo-gender", "Gender", ("Woman", "Man", "Non-binary", DECLINE)),
    ("eeo-race", "Race or ethnicity", (
        "Hispanic or Latino", "White", "Black or African American", "Native Hawaiian or Other Pacific Islander",
        "Asian", "American Indian or Alaska Native", "Two or more races", DECLINE)),
    ("eeo-veteran", "Veteran status", ("I am a protected veteran", "I am not a protected veteran", DECLINE)),
    ("eeo-disability", "Disability", (
        "Yes, I have a disability (or previously had one)", "No, I don't have a disability", DECLINE)),
)


@dataclass(frozen=True)
class FormField:
    """One field as the theme renders it. `kind`: text, email, tel, url, textarea, file, yes_no,
    choice (radio buttons, a list when long) or consent (the one required checkbox)."""

    name: str
    label: str
    kind: str
    required: bool = False
    hint: str = ""  # shown under the label and read with the field (aria-describedby)
    choices: tuple[str, ...] = ()
    autocomplete: str = ""

    @property
    def id(self) -> str:
        return f"field-{self.name}"

    @property
    def grouped(self) -> bool:
        """Radio buttons: a fieldset whose legend is the label."""
        return self.kind == "yes_no" or self.kind == "choice" and len(self.choices) <= 6


@dataclass(frozen=True)
class ApplyForm:
    name: str
    action: str
    hidden: tuple[tuple[str, str], ...]  # (name, value): the posting's id, title and URL, the e-mail subject
    about: tuple[FormField, ...]  # the candidate: name, e-mail, phone, CV, cover letter, links
    questions: tuple[FormField, ...]  # the posting's own
    self_identification: tuple[FormField, ...]  # voluntary, when the site asks
    consent: FormField
    max_file_bytes: int
    privacy_notice: str
    retention: str

    @property
    def fields(self) -> tuple[FormField, ...]:
        return self.about + self.questions + self.self_identification + (self.consent,)


def form_name(posting: Posting) -> str:
    return f"apply-{posting.slug}"


def file_hint(max_mb: int) -> str:
    return f"PDF, DOC or DOCX, up to {max_mb} MB."


def apply_form(posting: Posting, config: SiteConfig) -> ApplyForm:
    """The form on `posting`'s page (which has `apply: form`)."""
    options = config.apply
    files = file_hint(options.max_file_mb)
    about = (
        FormField("name", "Full name", "text", True, autocomplete="name"),
        FormField("email", "E-mail", "email", True, autocomplete="email"),
        FormField("phone", "Phone", "tel", autocomplete="tel"),
        FormField("cv", "CV or résumé", "file", True, hint=files),
        FormField("cover-letter", "Cover letter", "textarea", hint="A few lines on why this role, if you like."),
        FormField("linkedin", "LinkedIn profile", "url", hint="An address such as https://www.linkedin.com/in/your-name", autocomplete="url"),
        FormField("portfolio", "Portfolio or website", "url", autocomplete="url"),
    )
    kinds = {"short_text": "text", "long_text": "textarea", "yes_no": "yes_no", "choice": "choice", "file": "file"}
    questions = tuple(
        FormField(f"q-{q.name}", q.label, kinds[q.kind], q.required,
                  hint=" ".join(filter(None, (q.help, files if q.kind == "file" else ""))),
                  choices=("Yes", "No") if q.kind == "yes_no" else q.choices)
        for q in posting.questions)
    self_id = tuple(FormField(name, label, "choice", choices=choices) for name, label, choices in SELF_IDENTIFICATION) \
        if options.self_identification else ()
    kept = f" for {options.retention}" if options.retention else ""
    consent = FormField("consent", f"I agree that {config.company.name} keeps my application{kept} to consider me for this role.",
                        "consent", True)
    hidden = (("job-id", posting.id or posting.slug), ("job-title", posting.title), ("job-url", config.absolute(posting.url)),
              ("subject", f"Application: {posting.title}" + (f" ({posting.id})" if posting.id else "")))
    return ApplyForm(form_name(posting), FORM_ACTION, hidden, about, questions, self_id, consent,
                     options.max_file_mb * MB, options.privacy_notice, options.retention)
