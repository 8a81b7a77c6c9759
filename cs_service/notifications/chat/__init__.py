"""Alerts to the plant's group chats: WeCom, DingTalk and Feishu group robots.

E-mail is the formal channel; the resident engineers, QA and the managers talk in group chat.
A *CS Alert Channel* names a group robot (its webhook, optional signing secret), the customer
sites it serves and the events it wants; this package turns an event into one message per
channel and delivers it off the request.

- :mod:`cs_service.notifications.chat.platforms` (no frappe): each platform's payload, signature and
  answer, the back-off; unit-tested alone.
- :mod:`cs_service.notifications.chat.alerts`: what each event says, in the channel's language, with a
  link to the record; called by the sheet's submit, the qualification's revocation and the
  scheduler.
- :mod:`cs_service.notifications.chat.delivery`: the *CS Alert Message* (one per record, event, occasion
  and channel: its name is the key, so the database refuses a second one), the job after the
  commit, the retries with back-off and the log of every attempt.
"""
