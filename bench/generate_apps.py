"""City-scale activities and survey responses for the benchmarks, registered with bench.generate."""

from datetime import time, timedelta

from django.utils import timezone

from bench import generate as base
from portal.models import PublicationStatus


def offers(rng, centres, quarters, *, offers, **_):
    from demo import offers as offers_demo
    from offers.models import Cancellation, Category, Offer, Schedule, TargetGroup

    offers_demo.load()  # categories, target groups, languages (and the demo's own activities)
    categories = list(Category.objects.all())
    groups = list(TargetGroup.objects.all())
    operating = [centre for centre in centres if centre.status == "operating"]
    created = Offer.objects.bulk_create(
        [
            Offer(
                title=f"Bench-Angebot {n}",
                slug=f"bench-angebot-{n}",
                summary="Ein regelmäßiges Angebot im Quartier.",
                description="Erster Absatz.\n\nZweiter Absatz mit Details.",
                category=rng.choice(categories),
                centre=operating[n % len(operating)],
                quarter=quarters[n % len(quarters)],
                cost_type=rng.choice(["free", "free", "amount", "on_request"]),
                publication_status=PublicationStatus.PUBLISHED,
                last_checked=timezone.localdate() - timedelta(days=rng.randint(0, 400)),
            )
            for n in range(offers)
        ]
    )
    Offer.target_groups.through.objects.bulk_create(
        [
            Offer.target_groups.through(offer_id=offer.pk, targetgroup_id=group.pk)
            for offer in created
            for group in rng.sample(groups, 2)
        ]
    )
    days = [rng.randint(0, 6) for _offer in created]
    starts = [rng.choice([9, 10, 14, 15, 16, 18]) for _offer in created]
    Schedule.objects.bulk_create(
        [
            # Both weekday fields, as Schedule.save keeps them: the list filters by `weekdays`.
            # Ending one to three hours after the start, as Schedule.clean requires.
            Schedule(
                offer=offer,
                recurrence="weekly",
                weekdays=str(day),
                weekday=day,
                start_time=time(start, 0),
                end_time=time(start + rng.choice([1, 2, 3]), 0),
            )
            for offer, day, start in zip(created, days, starts, strict=True)
        ]
    )
    today = timezone.localdate()
    Cancellation.objects.bulk_create(
        [Cancellation(offer=offer, date=today + timedelta(days=7)) for offer in created[::10]]
    )
    return len(created)


def actors(rng, centres, quarters, *, offers, **_):
    """Local actors (clubs, parishes, schools …), three per neighbourhood; every third activity
    is run by one of them."""
    from network.models import Actor, ActorKind
    from offers.models import Offer

    kinds = [kind for kind, _label in ActorKind.choices]
    created = Actor.objects.bulk_create(
        [
            Actor(
                name=f"Bench-Verein {n}",
                slug=f"bench-verein-{n}",
                kind=kinds[n % len(kinds)],
                summary="Ein Verein im Quartier.",
                email=f"verein{n}@example.org",
                publication_status=PublicationStatus.PUBLISHED,
            )
            for n in range(3 * len(quarters))
        ]
    )
    Actor.quarters.through.objects.bulk_create(
        [
            Actor.quarters.through(actor_id=actor.pk, quarter_id=quarters[n % len(quarters)].pk)
            for n, actor in enumerate(created)
        ]
    )
    run = list(Offer.objects.filter(slug__startswith="bench-angebot-").order_by("pk"))[::3]
    for n, offer in enumerate(run):
        offer.actor = created[n % len(created)]
    Offer.objects.bulk_update(run, ["actor"], batch_size=500)
    return len(created)


def responses(rng, centres, quarters, *, responses, **_):
    from demo import survey as survey_demo
    from survey.models import Answer, Response, Survey

    survey_demo.load()
    survey = Survey.objects.get(is_current=True)
    templates = list(Response.objects.filter(survey=survey).prefetch_related("answers")[:200])
    missing = max(responses - Response.objects.filter(survey=survey).count(), 0)
    batch = 1000
    for start in range(0, missing, batch):
        chunk = [rng.choice(templates) for _ in range(min(batch, missing - start))]
        created = Response.objects.bulk_create(
            [
                Response(
                    survey=survey,
                    language=template.language,
                    channel=template.channel,
                    submitted_on=template.submitted_on,
                )
                for template in chunk
            ]
        )
        Answer.objects.bulk_create(
            [
                Answer(
                    response=new,
                    question_id=answer.question_id,
                    choice_id=answer.choice_id,
                    row_id=answer.row_id,
                    quarter_id=answer.quarter_id,
                    value=answer.value,
                    dont_know=answer.dont_know,
                    text=answer.text,
                )
                for new, template in zip(created, chunk, strict=True)
                for answer in template.answers.all()
            ]
        )
    return Response.objects.filter(survey=survey).count()


base._EXTENSIONS += [("offers", offers), ("actors", actors), ("responses", responses)]
