"""The curated table of well-known short forms that ``init`` treats as spellings of one tag.

Spelling alone cannot tell that ``yml`` is ``yaml`` or ``k8s`` is ``kubernetes``,
and a guessed rule (every short word that starts like a long one) is wrong as
often as right (``DeFi`` is not ``Definition``).  So the short forms are a small
table, kept by hand.  An entry goes in only when the short form means one thing
across software and ML note collections: the pairs are modelled on Stack
Overflow's tag synonyms (https://stackoverflow.com/tags/synonyms), where a
community votes that two tags are one.  Ambiguous short forms stay out: ``ts``
(TypeScript, time series), ``cv`` (computer vision, curriculum vitae), ``tf``
(TensorFlow, Terraform), ``auth`` (authentication, authorization), ``env``,
``dev``, ``os``, ``hf``.

Both sides are normalized keys (case-folded, separators removed, singular).  A
table hit is still overruled by the notes: spellings that most notes use side
by side are two tags whatever the table says.
"""

from __future__ import annotations

# short form -> long forms it stands for (each one a normalized key)
SHORT_FORMS: dict[str, tuple[str, ...]] = {
    # data formats, languages, platforms
    "yml": ("yaml",),
    "postgres": ("postgresql",),
    "js": ("javascript",),
    "golang": ("go",),
    "k8s": ("kubernetes",),
    "wasm": ("webassembly",),
    "mongo": ("mongodb",),
    "cpp": ("c++",),
    "csharp": ("c#",),
    "sklearn": ("scikitlearn",),
    "vscode": ("visualstudiocode",),
    "osx": ("macos",),
    "rails": ("rubyonrail",),  # "rubyonrails" after the plural ending is dropped
    "ror": ("rubyonrail",),
    "gcp": ("googlecloudplatform", "googlecloud"),
    "aws": ("amazonwebservice",),
    "regex": ("regularexpression", "regexp"),
    "regexp": ("regularexpression",),
    "i18n": ("internationalization", "internationalisation"),
    "l10n": ("localization", "localisation"),
    "a11y": ("accessibility",),
    # general software terms
    "config": ("configuration",),
    "doc": ("documentation",),
    "repo": ("repository",),
    "db": ("database",),
    "ui": ("userinterface",),
    "ux": ("userexperience",),
    "cli": ("commandline", "commandlineinterface"),
    "gui": ("graphicaluserinterface",),
    "oop": ("objectorientedprogramming",),
    "tdd": ("testdrivendevelopment",),
    "ddd": ("domaindrivendesign",),
    "seo": ("searchengineoptimization", "searchengineoptimisation"),
    "ssg": ("staticsitegenerator",),
    "pwa": ("progressivewebapp",),
    "spa": ("singlepageapplication",),
    "ssr": ("serversiderendering",),
    "cms": ("contentmanagementsystem",),
    "webdev": ("webdevelopment",),
    "tech": ("technology",),
    "math": ("mathematics",),
    "maths": ("mathematics",),
    # machine learning
    "ml": ("machinelearning",),
    "ai": ("artificialintelligence",),
    "dl": ("deeplearning",),
    "rl": ("reinforcementlearning",),
    "nlp": ("naturallanguageprocessing",),
    "llm": ("largelanguagemodel",),
    "vlm": ("visionlanguagemodel",),
    "cnn": ("convolutionalneuralnetwork",),
    "rnn": ("recurrentneuralnetwork",),
    "gan": ("generativeadversarialnetwork",),
    "vae": ("variationalautoencoder",),
    "rlhf": ("reinforcementlearningfromhumanfeedback",),
    "rag": ("retrievalaugmentedgeneration",),
    "genai": ("generativeai",),
}


def long_forms(word: str) -> tuple[str, ...]:
    """The long forms a normalized word stands for (empty when it is not a known short form)."""
    return SHORT_FORMS.get(word, ())
