from groundswell.outreach.models.campaign import EARLIEST, LATEST, Campaign, Question, ResultCode
from groundswell.outreach.models.targets import ContactAttempt, Target

__all__ = ["EARLIEST", "LATEST", "Campaign", "ContactAttempt", "Question", "ResultCode", "Target"]
