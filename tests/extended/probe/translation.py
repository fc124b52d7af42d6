from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import ProbeNote, ProbePage


@register(ProbePage)
class ProbePageTR(TranslationOptions):
    fields = ("intro", "body", "tagline")


@register(ProbeNote)
class ProbeNoteTR(TranslationOptions):
    fields = ("caption",)
