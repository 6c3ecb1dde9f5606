"""WordprocessingML building blocks for the DOCX writer: elements in the
order the schema requires, and the unit conversions.

Word rejects (or "repairs") a property element out of its schema sequence,
so pPr, rPr, style and settings children are sorted by the ECMA-376 Part 1
sequences below before they are written.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# ECMA-376 Part 1 §17.3.1.26 pPr (CT_PPrBase sequence)
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
# ECMA-376 Part 1 §17.3.2.28 rPr (CT_RPr sequence)
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs "
    "em lang eastAsianLayout specVanish oMath"
).split()
# ECMA-376 Part 1 §17.7.4.17 style (CT_Style sequence)
STYLE_ORDER = (
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat locked "
    "personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr"
).split()
# ECMA-376 Part 1 §17.15.1.78 settings (CT_Settings sequence, the elements we write)
SETTINGS_ORDER = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries "
    "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData "
    "embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors "
    "activeWritingStyle proofState formsDesign attachedTemplate linkStyles stylePaneFormatFilter "
    "stylePaneSortMethod documentType mailMerge revisionView trackRevisions doNotTrackMoves doNotTrackFormatting "
    "documentProtection autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle "
    "defaultTableStyle evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets "
    "drawingGridHorizontalSpacing drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
    "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin "
    "drawingGridVerticalOrigin doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
    "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
    "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly "
    "useXSLTWhenSaving saveThroughXslt showXMLTags alwaysMergeEmptyNamespace updateFields hdrShapeDefaults "
    "footnotePr endnotePr compat docVars rsids mathPr attachedSchema themeFontLang clrSchemeMapping "
    "doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
    "schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"
).split()
# ECMA-376 Part 1 §17.4.60 tblPr (CT_TblPr sequence)
TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing tblInd "
    "tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
).split()
# ECMA-376 Part 1 §17.4.42 tcPr (CT_TcPr sequence)
TCPR_ORDER = "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark".split()
# ECMA-376 Part 1 §17.4.82 trPr: the elements are a choice, any order; kept as given.


def twips(pt: float) -> int:
    """Twentieths of a point (dxa), the unit of most WordprocessingML lengths."""
    return int(round(pt * 20))


def half_points(pt: float) -> int:
    return int(round(pt * 2))


def eighths(pt: float) -> int:
    """Border widths (ST_EighthPointMeasure, 2…96)."""
    return max(2, min(96, int(round(pt * 8))))


def emu(pt: float) -> int:
    return int(round(pt * 12700))


def el(tag: str, attrs: dict | None = None, *children) -> "OxmlElement":
    """`el("w:jc", {"w:val": "both"})`: an element with prefixed attribute names."""
    e = OxmlElement(tag)
    for k, v in (attrs or {}).items():
        if v is None:
            continue
        e.set(qn(k) if ":" in k else k, str(v))
    for c in children:
        if c is not None:
            e.append(c)
    return e


def ordered(tag: str, children, order: tuple | list) -> "OxmlElement":
    """An element whose children are put in the schema's sequence."""
    e = el(tag)
    idx = {name: i for i, name in enumerate(order)}
    kids = [c for c in children if c is not None]
    kids.sort(key=lambda c: idx[c.tag.split("}")[1]])
    for c in kids:
        e.append(c)
    return e


def ppr(*children) -> "OxmlElement":
    return ordered("w:pPr", children, PPR_ORDER)


def rpr(*children) -> "OxmlElement":
    return ordered("w:rPr", children, RPR_ORDER)


def on(tag: str, value: bool = True) -> "OxmlElement":
    """A CT_OnOff property, written explicitly either way."""
    return el(tag, {"w:val": "1" if value else "0"})


def color_hex(color: str) -> str:
    return color.lstrip("#").upper()
