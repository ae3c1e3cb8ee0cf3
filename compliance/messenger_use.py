"""How the practitioner uses the messenger day to day: the profile's ``messenger_use`` section.

The messenger-use agreement states these rules to the client. Every field has a
default, so a profile written before this section existed stays valid.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Visibility(StrEnum):
    SHOWN = "shown"
    HIDDEN = "hidden"


class Device(StrEnum):
    """Where the messenger runs: never mixed with private contacts where avoidable."""

    WORK_PHONE = "work_phone"
    WORK_PROFILE = "work_profile"


class GroupChats(StrEnum):
    NEVER = "never"
    NAMED_GROUPS = "named_groups"


class EndOfWork(_Strict):
    """What happens to the chat when the work together ends."""

    to_record: bool = Field(default=True, description="relevant content goes into the record")
    export: bool = Field(default=False, description="the chat is exported before deletion")
    delete_both_devices: bool = Field(
        default=True,
        description="the chat is deleted on the practitioner's device and the "
        "client is asked to delete it on theirs",
    )
    within_days: int = Field(default=30, ge=0, le=365, description="days after the last session")


class MessengerUse(_Strict):
    """The practice rules the messenger-use agreement states."""

    online_status: Visibility = Field(
        default=Visibility.HIDDEN, description="online status, 'last seen' and 'typing…'"
    )
    read_only_when_time_to_answer: bool = True
    device: Device = Device.WORK_PHONE
    device_off_outside_hours: bool = True
    group_chats: GroupChats = GroupChats.NEVER
    group_settings: list[str] = Field(
        default_factory=list, description="named group settings, when group_chats is named_groups"
    )
    end_of_work: EndOfWork = Field(default_factory=EndOfWork)

    @model_validator(mode="after")
    def _groups_named(self) -> MessengerUse:
        if self.group_chats is GroupChats.NAMED_GROUPS and not self.group_settings:
            raise ValueError("group_chats: named_groups needs at least one entry in group_settings")
        if self.group_chats is GroupChats.NEVER and self.group_settings:
            raise ValueError("group_settings are only used with group_chats: named_groups")
        return self
