from .employee_survey import EmployeeSurveyImport, EmployeeSurveyItem, EmployeeSurveyResult
from .questionnaires import Question, QuestionKind, Questionnaire, QuestionnaireVersion, Theme
from .results import GroupResult, ResultStatus, ResultText, Scope
from .rounds import Invitation, Response, Round, RoundState, TargetGroup, random_key

__all__ = [
    "EmployeeSurveyImport",
    "EmployeeSurveyItem",
    "EmployeeSurveyResult",
    "GroupResult",
    "Invitation",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "QuestionnaireVersion",
    "Response",
    "ResultStatus",
    "ResultText",
    "Round",
    "RoundState",
    "Scope",
    "TargetGroup",
    "Theme",
    "random_key",
]
