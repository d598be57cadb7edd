from .courses import Audience, CheckQuestion, Course, CourseKind, CourseLanguage, CourseState, Session
from .policies import PolicyDocument, PolicyStatus
from .records import Completion, CompletionImport, CompletionSource, DevelopmentTalk, TalkIdea

__all__ = [
    "Audience",
    "CheckQuestion",
    "Completion",
    "CompletionImport",
    "CompletionSource",
    "Course",
    "CourseKind",
    "CourseLanguage",
    "CourseState",
    "DevelopmentTalk",
    "PolicyDocument",
    "PolicyStatus",
    "Session",
    "TalkIdea",
]
