"""Short guidance on what the law requires, shown at each step of the work (the Public Procurement Act, LOU, and
the Act on System of Choice, LOV): equal treatment, transparency, proportionality, and what a dialogue must not do.

Each step has a heading and a few plain sentences, and links to the National Agency for Public Procurement's own
guidance (``SOURCE``). Pages include ``procurement/partials/guidance.html`` with ``{% guidance "step" %}``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

#: The National Agency for Public Procurement (Upphandlingsmyndigheten): its guidance on each subject.
SOURCE = "https://www.upphandlingsmyndigheten.se"
EARLY_DIALOGUE = f"{SOURCE}/inkopsprocessen/forbered-upphandling/tidig-dialog"
PROCESS = f"{SOURCE}/inkopsprocessen/"


@dataclass(frozen=True)
class Guidance:
    title: Promise
    points: tuple[Promise, ...]
    link: str
    link_text: Promise


STEPS: dict[str, Guidance] = {
    "case": Guidance(
        _("What the law asks when a need goes to the market"),
        (
            _("Describe the need as a problem to solve, not as a product: that leaves room for new solutions."),
            _(
                "Estimate the whole contract's value over its full period, options included. Splitting a purchase "
                "to stay below the EU threshold is not allowed."
            ),
            _("Above the EU threshold the procurement is advertised across the EU and the directive's rules apply."),
        ),
        PROCESS,
        _("The purchasing process, from the National Agency for Public Procurement"),
    ),
    "rfi": Guidance(
        _("An open market dialogue on equal terms"),
        (
            _(
                "Publish the request so every supplier can find it, and give everyone the same information and the "
                "same time to answer."
            ),
            _(
                "A dialogue must not give any supplier an advantage in the later procurement: what one learns, all "
                "learn."
            ),
            _(
                "Say what the city will do with what suppliers send, and that taking part is not required to tender "
                "later."
            ),
        ),
        EARLY_DIALOGUE,
        _("Early dialogue, from the National Agency for Public Procurement"),
    ),
    "questions": Guidance(
        _("Questions and answers"),
        (
            _(
                "Every answer is published to every registered supplier at the same moment. Nobody gets an answer "
                "the others do not."
            ),
            _("Write the question as published so that it does not reveal who asked it or their business."),
        ),
        EARLY_DIALOGUE,
        _("Early dialogue, from the National Agency for Public Procurement"),
    ),
    "meetings": Guidance(
        _("Meetings with suppliers"),
        (
            _("Offer every registered supplier the same kind of meeting, of the same length, on the same terms."),
            _(
                "Write minutes of every meeting and publish them to every registered supplier, leaving out "
                "business secrets."
            ),
        ),
        EARLY_DIALOGUE,
        _("Early dialogue, from the National Agency for Public Procurement"),
    ),
    "responses": Guidance(
        _("Written responses and business secrets"),
        (
            _(
                "A supplier marks what is a business secret. Those parts are read only by the case's procurement "
                "officers and are never published."
            ),
            _(
                "Documents held by the city may be requested under the principle of public access; secrecy is "
                "tried when someone asks (the Public Access to Information and Secrecy Act, chapter 31, section 16)."
            ),
        ),
        EARLY_DIALOGUE,
        _("Early dialogue, from the National Agency for Public Procurement"),
    ),
    "route": Guidance(
        _("Choosing the route"),
        (
            _("Functional requirements say what must be achieved, not how, and suit most purchases."),
            _(
                "An innovation partnership develops and then buys a solution that does not yet exist; pre-commercial "
                "procurement buys research and development only, outside the procurement rules."
            ),
            _(
                "Competitive dialogue suits complex purchases where the city cannot yet specify the solution; a "
                "design contest buys a plan or design judged by a jury."
            ),
            _("The choice must be proportionate to the need and the value, and its reasons written down."),
        ),
        PROCESS,
        _("The purchasing process, from the National Agency for Public Procurement"),
    ),
    "tender": Guidance(
        _("The tender"),
        (
            _(
                "The tender is advertised and run in the city's e-procurement system; Språng links to it and keeps "
                "the outcome."
            ),
            _(
                "Documents and answers from the market dialogue that the tender builds on are shared with every "
                "tenderer."
            ),
        ),
        PROCESS,
        _("The purchasing process, from the National Agency for Public Procurement"),
    ),
    "proposals": Guidance(
        _("Improvements within a contract"),
        (
            _(
                "A supplier may propose improvements within what the contract covers. A change that alters the "
                "contract's overall nature may need a new procurement."
            ),
            _(
                "In a choice system (LOV) every approved supplier works on the same terms: an improvement the city "
                "takes up is offered to all of them."
            ),
        ),
        PROCESS,
        _("The purchasing process, from the National Agency for Public Procurement"),
    ),
}
