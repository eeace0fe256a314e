import { describe, expect, it } from 'vitest';
import { isBoilerplate, isFurnitureLine } from '../../src/ingest/boilerplate.ts';

describe('isBoilerplate', () => {
  it('recognises captions, banners, navigation and tables of contents from the bundled corpus', () => {
    expect(
      isBoilerplate(
        '(L) Opening of the UMP-NCKU Joint Research Center ; (R) Holding a Medical Device Training Workshop (Credit: © NCKU - Medical Device Innovation Center)\n\n(Credit: © NCKU - Medical Device Innovation Center)',
      ),
    ).toBe(true);
    expect(
      isBoilerplate(
        ':::\n  • country: Vietnam\n  • Theme: Healthcare & Medicine\n\nImage: Banner - Vietnam Healthcare & Medicine\n\nSection:|OverviewAgenciesPolicies & Strategies',
      ),
    ).toBe(true);
    const table =
      'AgencyPolicy, Strategy, Project & Initiative \nPrime Minister of Vietnam\n\nDecision 89/QD-TTg-National Strategy for protection\n\nMinistry of Health (MoH), Vietnam\n\nDecision 5316/QD-BYT - Approving Medical Digitalization until 2025 with an Orientation to 2030\n\nDecision 4888/QD-BYT - National Agenda for e-health Adoption\n\nCircular No. 49, 2017 - Regulating the Management of Telemedicine';
    expect(isBoilerplate(table)).toBe(true);
    expect(isBoilerplate('Keywords: #Vietnam  #Healthcare  #Medicine\n\nReference / Sources:\n\nscrollToTop')).toBe(
      true,
    );
  });

  it('keeps prose, even under a banner line', () => {
    const prose =
      'At the end of December 2017, the Vietnamese Ministry of Health issued “Circular No. 49, 2017 - Regulating the Management of Telemedicine”, which provided legal guidelines for the implementation of telemedicine practices. The regulations clearly stipulate that telemedicine practices must be conducted within nationally recognized medical facilities.';
    expect(isBoilerplate(prose)).toBe(false);
    expect(isBoilerplate(`Image: Banner\n\n${prose}`)).toBe(false);
  });

  it('tells furniture lines, including citation-only lines', () => {
    expect(isFurnitureLine('Image: Banner - Vietnam Healthcare & Medicine')).toBe(true);
    expect(isFurnitureLine('(Tilleke & Gibbins, 2018) (LawNet, 2017)')).toBe(true);
    expect(isFurnitureLine('In 2019, the Ministry approved it (MoH, 2019).')).toBe(false);
  });
});
