from groundswell.leadership.models.checkins import CheckIn, CheckInCadence
from groundswell.leadership.models.ladder import LadderMove, LadderPlacement, LadderStage
from groundswell.leadership.models.library import Material, MaterialShare, TrainingCompletion
from groundswell.leadership.models.one_on_ones import Commitment, OneOnOne

__all__ = [
    "CheckIn", "CheckInCadence", "Commitment", "LadderMove", "LadderPlacement", "LadderStage", "Material",
    "MaterialShare", "OneOnOne", "TrainingCompletion",
]
