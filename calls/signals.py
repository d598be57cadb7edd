"""What the calls tell other apps, without knowing them.

``application_decided`` is sent (``sender=Application``, ``application=``, ``granted=``) inside the
transaction of ``calls.services.decision_record``, once the decision and the application's new status are
written: an app that keeps something of a decided application (``spread`` makes an award winner a proposed
good example) connects a receiver to it. A receiver that fails undoes the decision, so keep it small.
"""

from django.dispatch import Signal

application_decided = Signal()
