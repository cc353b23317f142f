from __future__ import annotations

SAMPLE = """
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Subject: Delivery Status Notification (Failure)
X-Failed-Recipients: birders@googlegroups.com
X-Google-Smtp-Source: AGHT+IEexampleexampleexample

Hello frank@example.org,

We're writing to let you know that the group you tried to contact (birders) may not exist, or you may not have permission to post messages to the group. A few more details on why you weren't able to post:

 * You might have spelled or formatted the group name incorrectly.
 * The owner of the group may have removed this group.
 * You may need to join the group before receiving permission to post.
 * This group may not be open to posting.

If you have questions related to this or any other Google Group, visit the Help Center at https://groups.google.com/support/.

Thanks,

Google Groups

----- Original message -----

To: birders@googlegroups.com
Cc: grace@example.org
"""


def test_group_refusal_is_rejected(parse):
    [d] = parse(SAMPLE)
    assert (d.recipient, d.reason, d.action, d.decoded_by) == ("birders@googlegroups.com", "rejected", "failed",
                                                                "googlegroups")
    assert "may not exist" in d.diagnostic


def test_not_a_group_notice_is_left_to_gmail(parse):
    found = parse(SAMPLE.replace("groups.google.com", "example.com").replace("Google Groups", "Team"))
    assert all(d.decoded_by != "googlegroups" for d in found)


def test_current_notice_takes_the_groups_words_after_the_response_was(parse):
    current = SAMPLE.replace("Hello frank@example.org,\n", (
        "** Address not found **\n\nYour message wasn't delivered to birders@googlegroups.com because the "
        "address couldn't be found, or is unable to receive mail.\n\nThe response was:\n"))
    [d] = parse(current)
    assert d.diagnostic.startswith("We're writing to let you know") and d.reason == "rejected"
