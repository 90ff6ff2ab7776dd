// Catalogue of part families the generator draws from, with believable values, MPNs and models.
import type { ParameterType } from './library-types.js'
import type { Rng } from './prng.js'

export type ParameterSpec = readonly [
  name: string,
  value: string,
  type: ParameterType,
  realValue: string | null
]

export type PartChoiceSpec = readonly [companyName: string, partNumber: string]

/** One concrete part drawn from a family, before it becomes a LibraryComponent. */
export interface PartVariant {
  value: string
  valueType: ParameterType
  valueReal: string | null
  comment: string
  description: string
  parameters: ParameterSpec[]
  partChoices: PartChoiceSpec[]
  footprints: string[]
  symbols: string[]
}

export interface PartFamily {
  key: string
  folderPath: string
  typePath: readonly string[]
  /** The middle group of item names, CMP-<group>-<sequence>. */
  itemGroup: number
  weight: number
  variant(rng: Rng): PartVariant
}

const E6 = [1.0, 1.5, 2.2, 3.3, 4.7, 6.8]
const E12 = [1.0, 1.2, 1.5, 1.8, 2.2, 2.7, 3.3, 3.9, 4.7, 5.6, 6.8, 8.2]

const SI_PREFIXES: readonly (readonly [number, string])[] = [
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
  [1, ''],
  [1e-3, 'm'],
  [1e-6, 'µ'],
  [1e-9, 'n'],
  [1e-12, 'p']
]

function tidy(value: number): number {
  return Number(value.toPrecision(3))
}

function decade(mantissa: number, exponent: number): number {
  return tidy(mantissa * 10 ** exponent)
}

/** 4700 → "4.7k"; the µ sign can be swapped for "u" as many libraries do. */
export function siText(value: number, unit: string, micro = 'µ'): string {
  const [scale, prefix] =
    SI_PREFIXES.find(([factor]) => value >= factor * 0.999) ?? SI_PREFIXES[SI_PREFIXES.length - 1]
  return `${tidy(value / scale)}${prefix === 'µ' ? micro : prefix}${unit}`
}

/** Scientific notation as DesComponentParameter.realValue carries it. */
export function realText(value: number): string {
  return value.toExponential().toUpperCase()
}

/** Resistor value code used inside MPNs: 4700 → "4K7", 100 → "100R". */
function rkmCode(ohms: number): string {
  const [scale, letter] = ohms >= 1e6 ? [1e6, 'M'] : ohms >= 1e3 ? [1e3, 'K'] : [1, 'R']
  const text = String(tidy(ohms / scale))
  return text.includes('.') ? text.replace('.', letter) : `${text}${letter}`
}

/** Four-digit EIA resistor code: 10000 → "1002", 47 → "47R0". */
function eia4(ohms: number): string {
  if (ohms < 10) return ohms.toFixed(2).replace('.', 'R')
  if (ohms < 100) return ohms.toFixed(1).replace('.', 'R')
  let digits = ohms
  let zeros = 0
  while (digits >= 1000) {
    digits /= 10
    zeros++
  }
  return `${Math.round(digits)}${zeros}`
}

/** Three-digit EIA code: 100000 (pF) → "104". */
function eia3(value: number): string {
  const zeros = Math.floor(Math.log10(value) + 1e-9) - 1
  return `${Math.round(value / 10 ** zeros)}${zeros}`
}

const CHIP_SIZES = {
  '0402': { ipc: '1005X40', panasonic: '2', murata: '155', samsung: '05' },
  '0603': { ipc: '1608X55', panasonic: '3', murata: '188', samsung: '10' },
  '0805': { ipc: '2012X70', panasonic: '6', murata: '21B', samsung: '21' },
  '1206': { ipc: '3216X70', panasonic: '8', murata: '31M', samsung: '31' }
} as const

type ChipSize = keyof typeof CHIP_SIZES
const CHIP_PACKAGES = Object.keys(CHIP_SIZES) as ChipSize[]

const resistor: PartFamily = {
  key: 'resistor',
  folderPath: 'Components/Passives/Resistors',
  typePath: ['Passive Components', 'Resistor', 'Chip Resistor'],
  itemGroup: 1,
  weight: 30,
  variant(rng) {
    const ohms = decade(rng.pick(E12), rng.int(0, 5))
    const pkg = rng.pick(CHIP_PACKAGES)
    const size = CHIP_SIZES[pkg]
    const tolerance = rng.weighted([
      ['1%', 6],
      ['5%', 3],
      ['0.1%', 1]
    ] as const)
    const [powerText, watts] = (
      {
        '0402': ['1/16W', 0.0625],
        '0603': ['1/10W', 0.1],
        '0805': ['1/8W', 0.125],
        '1206': ['1/4W', 0.25]
      } as const
    )[pkg]
    const value = siText(ohms, rng.chance(0.3) ? 'Ω' : '')
    const code = rkmCode(ohms)
    return {
      value,
      valueType: 'RESISTANCE',
      valueReal: realText(ohms),
      comment: rng.chance(0.6) ? '=Value' : value,
      description: `RES SMD ${siText(ohms, '').toUpperCase()} OHM ${tolerance} ${powerText} ${pkg}`,
      parameters: [
        ['Tolerance', `±${tolerance}`, 'PERCENT', realText(parseFloat(tolerance) / 100)],
        ['Power', powerText, 'POWER', realText(watts)],
        ['Package', pkg, 'TEXT', null],
        ['Voltage Rating', rng.pick(['50V', '75V', '150V']), 'VOLTAGE', null],
        ['Temperature Coefficient', '±100ppm/°C', 'TEXT', null]
      ],
      partChoices: [
        ['Yageo', `RC${pkg}FR-07${code}L`],
        ['Vishay', `CRCW${pkg}${code}FKEA`],
        ['Panasonic', `ERJ-${size.panasonic}EKF${eia4(ohms)}V`],
        ['KOA Speer', `RK73H1JTTD${eia4(ohms)}F`]
      ],
      footprints: [`RESC${size.ipc}N`, `RESC${size.ipc}L`],
      symbols: ['RES_2PIN', 'RES_2PIN_IEC']
    }
  }
}

const capacitor: PartFamily = {
  key: 'capacitor',
  folderPath: 'Components/Passives/Capacitors',
  typePath: ['Passive Components', 'Capacitor', 'MLCC'],
  itemGroup: 2,
  weight: 28,
  variant(rng) {
    const picofarads = decade(rng.pick(E6), rng.int(1, 6))
    const farads = tidy(picofarads * 1e-12)
    const pkg = rng.pick(CHIP_PACKAGES)
    const size = CHIP_SIZES[pkg]
    const dielectric = picofarads < 1000 ? 'C0G' : rng.pick(['X5R', 'X7R'])
    const tolerance = dielectric === 'C0G' ? '5%' : rng.pick(['10%', '20%'])
    const tolLetter = { '5%': 'J', '10%': 'K', '20%': 'M' }[tolerance] ?? 'K'
    const [volts, voltCode] = rng.pick([
      ['6.3V', '0J'],
      ['10V', '1A'],
      ['16V', '1C'],
      ['25V', '1E'],
      ['50V', '1H'],
      ['100V', '2A']
    ] as const)
    const dielCode = { C0G: '5C', X5R: 'R6', X7R: 'R7' }[dielectric]
    const value = siText(farads, 'F', rng.chance(0.3) ? 'u' : 'µ')
    const catalogValue =
      picofarads >= 1000 ? `${tidy(picofarads / 1e6)}UF` : `${tidy(picofarads)}PF`
    const code = eia3(picofarads)
    return {
      value,
      valueType: 'CAPACITANCE',
      valueReal: realText(farads),
      comment: rng.chance(0.6) ? '=Value' : value,
      description: `CAP CER ${catalogValue} ${volts} ${dielectric} ${pkg}`,
      parameters: [
        ['Voltage Rating', volts, 'VOLTAGE', realText(parseFloat(volts))],
        ['Dielectric', dielectric, 'TEXT', null],
        ['Tolerance', `±${tolerance}`, 'PERCENT', realText(parseFloat(tolerance) / 100)],
        ['Package', pkg, 'TEXT', null],
        ['Operating Temperature', '-55°C ~ 125°C', 'TEXT', null]
      ],
      partChoices: [
        ['Murata Electronics', `GRM${size.murata}${dielCode}${voltCode}${code}${tolLetter}A01D`],
        ['Samsung Electro-Mechanics', `CL${size.samsung}B${code}${tolLetter}B8NNNC`],
        [
          'TDK Corporation',
          `C${size.ipc.slice(0, 4)}${dielectric}${voltCode}${code}${tolLetter}080AA`
        ],
        ['KEMET', `C${pkg}C${code}${tolLetter}5RACTU`]
      ],
      footprints: [`CAPC${size.ipc}N`, `CAPC${size.ipc}L`],
      symbols: ['CAP_NP', 'CAP_NP_IEC']
    }
  }
}

const inductor: PartFamily = {
  key: 'inductor',
  folderPath: 'Components/Passives/Inductors',
  typePath: ['Passive Components', 'Inductor'],
  itemGroup: 3,
  weight: 6,
  variant(rng) {
    const microhenries = decade(rng.pick(E6), rng.int(0, 2))
    const henries = tidy(microhenries * 1e-6)
    const code = microhenries < 10 ? microhenries.toFixed(1).replace('.', 'R') : eia3(microhenries)
    const pkg = rng.pick(['4018', '3015', '5040'])
    const current = rng.pick(['0.8A', '1.2A', '2.1A', '3.5A'])
    const value = siText(henries, 'H')
    return {
      value,
      valueType: 'INDUCTANCE',
      valueReal: realText(henries),
      comment: '=Value',
      description: `FIXED IND ${tidy(microhenries)}UH ${current} SHIELDED SMD`,
      parameters: [
        ['Current Rating', current, 'CURRENT', realText(parseFloat(current))],
        ['DC Resistance', `${rng.int(12, 240)}mΩ`, 'RESISTANCE', null],
        ['Package', pkg, 'TEXT', null],
        ['Shielding', 'Shielded', 'TEXT', null]
      ],
      partChoices: [
        ['Würth Elektronik', `7443${rng.digits(6)}`],
        ['Bourns', `SRN${pkg}-${code}M`],
        ['TDK Corporation', `VLS${pkg}ET-${code}M`],
        ['Coilcraft', `XAL${pkg}-${code}MEB`]
      ],
      footprints: [`INDM${pkg}X${rng.int(15, 40)}N`],
      symbols: ['INDUCTOR']
    }
  }
}

interface FixedPart {
  value: string
  description: string
  package: string
  footprints: string[]
  symbol: string
  choices: PartChoiceSpec[]
  parameters: ParameterSpec[]
}

/** Families of discrete catalogue parts, whose Value is the base part number. */
function fixedFamily(
  base: Omit<PartFamily, 'variant'>,
  parts: readonly FixedPart[],
  comment: (part: FixedPart, rng: Rng) => string = (part) => part.value
): PartFamily {
  return {
    ...base,
    variant(rng) {
      const part = rng.pick(parts)
      return {
        value: part.value,
        valueType: 'TEXT',
        valueReal: null,
        comment: comment(part, rng),
        description: part.description,
        parameters: [['Package', part.package, 'TEXT', null], ...part.parameters],
        partChoices: part.choices,
        footprints: part.footprints,
        symbols: [part.symbol]
      }
    }
  }
}

const diode = fixedFamily(
  {
    key: 'diode',
    folderPath: 'Components/Semiconductors/Diodes',
    typePath: ['Discrete Semiconductors', 'Diode'],
    itemGroup: 4,
    weight: 8
  },
  [
    {
      value: '1N4148W',
      description: 'DIODE GEN PURP 75V 150MA SOD123',
      package: 'SOD-123',
      footprints: ['SOD3716X135N'],
      symbol: 'DIODE',
      choices: [
        ['Nexperia', '1N4148W,115'],
        ['Diodes Incorporated', '1N4148W-7-F'],
        ['onsemi', '1N4148WT1G'],
        ['Vishay', '1N4148W-E3-08']
      ],
      parameters: [
        ['Reverse Voltage', '75V', 'VOLTAGE', '7.5E+1'],
        ['Forward Current', '150mA', 'CURRENT', '1.5E-1']
      ]
    },
    {
      value: 'BAT54S',
      description: 'DIODE ARR SCHOTTKY 30V 200MA SOT23',
      package: 'SOT-23-3',
      footprints: ['SOT95P240X110-3N'],
      symbol: 'DIODE_SCHOTTKY_DUAL',
      choices: [
        ['Nexperia', 'BAT54S,215'],
        ['onsemi', 'BAT54SLT1G'],
        ['Diodes Incorporated', 'BAT54S-7-F']
      ],
      parameters: [['Reverse Voltage', '30V', 'VOLTAGE', '3E+1']]
    },
    {
      value: 'BZX84C5V1',
      description: 'DIODE ZENER 5.1V 250MW SOT23',
      package: 'SOT-23-3',
      footprints: ['SOT95P240X110-3N'],
      symbol: 'DIODE_ZENER',
      choices: [
        ['Nexperia', 'BZX84-C5V1,215'],
        ['onsemi', 'BZX84C5V1LT1G'],
        ['Diodes Incorporated', 'BZX84C5V1-7-F']
      ],
      parameters: [['Zener Voltage', '5.1V', 'VOLTAGE', '5.1E+0']]
    },
    {
      value: 'SMBJ5.0A',
      description: 'TVS DIODE 5VWM 9.2VC SMB',
      package: 'SMB (DO-214AA)',
      footprints: ['DIOM5436X240N'],
      symbol: 'TVS_UNI',
      choices: [
        ['Littelfuse', 'SMBJ5.0A'],
        ['Bourns', 'SMBJ5.0A-Q'],
        ['Vishay', 'SMBJ5.0A-E3/52']
      ],
      parameters: [['Working Voltage', '5V', 'VOLTAGE', '5E+0']]
    },
    {
      value: 'LED Green 0603',
      description: 'LED GREEN CLEAR 0603 SMD',
      package: '0603',
      footprints: ['LEDC1608X80N'],
      symbol: 'LED',
      choices: [
        ['Kingbright', 'APT1608SGC'],
        ['Würth Elektronik', '150060GS75000'],
        ['Lite-On', 'LTST-C191KGKT']
      ],
      parameters: [['Wavelength', '570nm', 'LENGTH', '5.7E-7']]
    }
  ]
)

const transistor = fixedFamily(
  {
    key: 'transistor',
    folderPath: 'Components/Semiconductors/Transistors',
    typePath: ['Discrete Semiconductors', 'Transistor', 'MOSFET'],
    itemGroup: 5,
    weight: 6
  },
  [
    {
      value: 'BSS138',
      description: 'MOSFET N-CH 50V 220MA SOT23',
      package: 'SOT-23-3',
      footprints: ['SOT95P240X110-3N'],
      symbol: 'NMOS_3PIN',
      choices: [
        ['onsemi', 'BSS138'],
        ['Nexperia', 'BSS138BK,215'],
        ['Diodes Incorporated', 'BSS138-7-F']
      ],
      parameters: [
        ['Vds', '50V', 'VOLTAGE', '5E+1'],
        ['Id', '220mA', 'CURRENT', '2.2E-1'],
        ['Rds On', '3.5Ω', 'RESISTANCE', '3.5E+0']
      ]
    },
    {
      value: 'AO3400A',
      description: 'MOSFET N-CH 30V 5.7A SOT23',
      package: 'SOT-23-3',
      footprints: ['SOT95P240X110-3N'],
      symbol: 'NMOS_3PIN',
      choices: [
        ['Alpha & Omega Semiconductor', 'AO3400A'],
        ['长晶科技 (JSCJ)', 'AO3400A'],
        ['UMW', 'AO3400A']
      ],
      parameters: [
        ['Vds', '30V', 'VOLTAGE', '3E+1'],
        ['Id', '5.7A', 'CURRENT', '5.7E+0']
      ]
    },
    {
      value: 'SI2301CDS',
      description: 'MOSFET P-CH 20V 3.1A SOT23-3',
      package: 'SOT-23-3',
      footprints: ['SOT95P240X110-3N'],
      symbol: 'PMOS_3PIN',
      choices: [['Vishay Siliconix', 'SI2301CDS-T1-GE3']],
      parameters: [['Vds', '-20V', 'VOLTAGE', '-2E+1']]
    }
  ]
)

const microcontroller = fixedFamily(
  {
    key: 'microcontroller',
    folderPath: 'Components/Integrated Circuits/Microcontrollers',
    typePath: ['Integrated Circuits', 'Microcontroller'],
    itemGroup: 6,
    weight: 4
  },
  [
    {
      value: 'STM32F405RGT6',
      description: 'IC MCU 32BIT 1MB FLASH 64LQFP',
      package: 'LQFP-64',
      footprints: ['QFP50P1200X1200X160-64N'],
      symbol: 'STM32F405RGTx',
      choices: [
        ['STMicroelectronics', 'STM32F405RGT6'],
        ['STMicroelectronics', 'STM32F405RGT6TR']
      ],
      parameters: [
        ['Core', 'ARM® Cortex®-M4', 'TEXT', null],
        ['Flash', '1 MB', 'TEXT', null],
        ['Operating Temperature', '-40°C ~ 85°C', 'TEXT', null]
      ]
    },
    {
      value: 'ATSAMD21G18A',
      description: 'IC MCU 32BIT 256KB FLASH 48TQFP',
      package: 'TQFP-48',
      footprints: ['QFP50P900X900X120-48N'],
      symbol: 'ATSAMD21G18A',
      choices: [
        ['Microchip Technology', 'ATSAMD21G18A-AUT'],
        ['Microchip Technology', 'ATSAMD21G18A-AU']
      ],
      parameters: [['Supply Voltage', '1.62V ~ 3.63V', 'TEXT', null]]
    },
    {
      value: 'GD32F303CCT6',
      description: '32位微控制器 GD32F303CCT6 LQFP-48',
      package: 'LQFP-48',
      footprints: ['QFP50P900X900X160-48N'],
      symbol: 'GD32F303Cx',
      choices: [['GigaDevice 兆易创新', 'GD32F303CCT6']],
      parameters: [['Flash', '256 KB', 'TEXT', null]]
    },
    {
      value: 'RP2040',
      description: 'IC MCU 32BIT ROMLESS 56QFN',
      package: 'QFN-56 (7x7)',
      footprints: ['QFN40P700X700X90-57N'],
      symbol: 'RP2040',
      choices: [
        ['Raspberry Pi', 'SC0914(13)'],
        ['Raspberry Pi', 'SC0914(7)']
      ],
      parameters: [['Core', 'Dual ARM® Cortex®-M0+', 'TEXT', null]]
    }
  ]
)

const regulator = fixedFamily(
  {
    key: 'regulator',
    folderPath: 'Components/Integrated Circuits/Power Management',
    typePath: ['Integrated Circuits', 'Power Management', 'LDO Regulator'],
    itemGroup: 7,
    weight: 4
  },
  [
    {
      value: 'AP2112K-3.3',
      description: 'IC REG LINEAR 3.3V 600MA SOT25',
      package: 'SOT-25',
      footprints: ['SOT95P280X145-5N'],
      symbol: 'LDO_5PIN_EN',
      choices: [['Diodes Incorporated', 'AP2112K-3.3TRG1']],
      parameters: [
        ['Output Voltage', '3.3V', 'VOLTAGE', '3.3E+0'],
        ['Output Current', '600mA', 'CURRENT', '6E-1']
      ]
    },
    {
      value: 'TLV75533P',
      description: 'IC REG LINEAR 3.3V 500MA SOT23-5',
      package: 'SOT-23-5',
      footprints: ['SOT95P280X145-5N'],
      symbol: 'LDO_5PIN_EN',
      choices: [['Texas Instruments', 'TLV75533PDBVR']],
      parameters: [['Output Voltage', '3.3V', 'VOLTAGE', '3.3E+0']]
    },
    {
      value: 'MCP1700-3.3',
      description: 'IC REG LINEAR 3.3V 250MA SOT23-3',
      package: 'SOT-23-3',
      footprints: ['SOT95P240X110-3N'],
      symbol: 'LDO_3PIN',
      choices: [
        ['Microchip Technology', 'MCP1700T-3302E/TT'],
        ['Microchip Technology', 'MCP1700T-3302E/MB']
      ],
      parameters: [['Output Current', '250mA', 'CURRENT', '2.5E-1']]
    }
  ]
)

const amplifier = fixedFamily(
  {
    key: 'amplifier',
    folderPath: 'Components/Integrated Circuits/Amplifiers',
    typePath: ['Integrated Circuits', 'Amplifier', 'Op Amp'],
    itemGroup: 8,
    weight: 4
  },
  [
    {
      value: 'LM358',
      description: 'IC OPAMP GP 2 CIRCUIT 8SOIC',
      package: 'SOIC-8',
      footprints: ['SOIC127P600X175-8N'],
      symbol: 'OPAMP_DUAL',
      choices: [
        ['Texas Instruments', 'LM358DR'],
        ['onsemi', 'LM358DR2G'],
        ['STMicroelectronics', 'LM358DT']
      ],
      parameters: [['Gain Bandwidth', '1MHz', 'FREQUENCY', '1E+6']]
    },
    {
      value: 'OPA2333',
      description: 'IC OPAMP ZERO-DRIFT 2 CIRC 8SOIC',
      package: 'SOIC-8',
      footprints: ['SOIC127P600X175-8N'],
      symbol: 'OPAMP_DUAL',
      choices: [['Texas Instruments', 'OPA2333AIDR']],
      parameters: [['Gain Bandwidth', '350kHz', 'FREQUENCY', '3.5E+5']]
    },
    {
      value: 'MCP6002',
      description: 'IC OPAMP GP 2 CIRCUIT 8SOIC',
      package: 'SOIC-8',
      footprints: ['SOIC127P600X175-8N'],
      symbol: 'OPAMP_DUAL',
      choices: [['Microchip Technology', 'MCP6002T-I/SN']],
      parameters: [['Gain Bandwidth', '1MHz', 'FREQUENCY', '1E+6']]
    }
  ]
)

const connector = fixedFamily(
  {
    key: 'connector',
    folderPath: 'Components/Electromechanical/Connectors',
    typePath: ['Electromechanical', 'Connector'],
    itemGroup: 9,
    weight: 5
  },
  [
    {
      value: 'HDR-2x5',
      description: 'Pin header 2x5 0.1" vertical',
      package: 'THT 2.54mm',
      footprints: ['HDRV10W64P254_2X5_1270X508X838P'],
      symbol: 'HEADER_2X5',
      choices: [
        ['Samtec', 'TSW-105-07-G-D'],
        ['Würth Elektronik', '61301021121'],
        ['Amphenol ICC (FCI)', '67997-110HLF']
      ],
      parameters: [
        ['Pitch', '2.54mm', 'LENGTH', '2.54E-3'],
        ['Positions', '10', 'TEXT', null]
      ]
    },
    {
      value: 'JST-XH-2',
      description: 'CONN HEADER VERT 2POS 2.5MM',
      package: 'THT 2.50mm',
      footprints: ['JST_XH_B2B-XH-A_1x02_P2.50mm_Vertical'],
      symbol: 'CONN_1X2',
      choices: [['JST Sales America Inc.', 'B2B-XH-A(LF)(SN)']],
      parameters: [['Pitch', '2.5mm', 'LENGTH', '2.5E-3']]
    },
    {
      value: 'USB-C Receptacle',
      description: 'USB-C receptacle 16P, mid-mount',
      package: 'SMD',
      footprints: ['USB_C_Receptacle_GCT_USB4105'],
      symbol: 'USB_C_16P',
      choices: [
        ['GCT', 'USB4105-GF-A'],
        ['Molex', '2171750001'],
        ['Amphenol ICC (FCI)', '12401610E4#2A']
      ],
      parameters: [['Current Rating', '5A', 'CURRENT', '5E+0']]
    }
  ]
)

const switchFamily = fixedFamily(
  {
    key: 'switch',
    folderPath: 'Components/Electromechanical/Switches',
    typePath: ['Electromechanical', 'Switch'],
    itemGroup: 10,
    weight: 3
  },
  [
    {
      value: 'SW Tactile 6x6',
      description: 'SWITCH TACTILE SPST-NO 0.05A 12V',
      package: 'SMD 6x6mm',
      footprints: ['SW_PUSH_6mm_SMD'],
      symbol: 'SW_PUSH',
      choices: [
        ['C&K', 'PTS645SM43SMTR92 LFS'],
        ['Würth Elektronik', '430182043816'],
        ['TE Connectivity', '1825910-6']
      ],
      parameters: [['Actuator', 'Round button', 'TEXT', null]]
    },
    {
      value: 'SW Slide SPDT',
      description: 'SWITCH SLIDE SPDT 300MA 6V',
      package: 'SMD',
      footprints: ['SW_SPDT_JS102011SAQN'],
      symbol: 'SW_SPDT',
      choices: [
        ['C&K', 'JS102011SAQN'],
        ['E-Switch', 'EG1218']
      ],
      parameters: [['Current Rating', '300mA', 'CURRENT', '3E-1']]
    }
  ]
)

const crystal = fixedFamily(
  {
    key: 'crystal',
    folderPath: 'Components/Frequency Control/Crystals & Oscillators',
    typePath: ['Frequency Control', 'Crystal'],
    itemGroup: 11,
    weight: 3
  },
  [
    {
      value: '16MHz',
      description: 'CRYSTAL 16.0000MHZ 18PF SMD',
      package: '3.2x2.5mm',
      footprints: ['XTAL_3225_4PIN'],
      symbol: 'XTAL_4PIN',
      choices: [
        ['Abracon LLC', 'ABM8-16.000MHZ-B2-T'],
        ['ECS Inc.', 'ECS-160-18-33-JGN-TR'],
        ['Epson', 'FA-238 16.0000MB-C3']
      ],
      parameters: [
        ['Frequency', '16MHz', 'FREQUENCY', '1.6E+7'],
        ['Load Capacitance', '18pF', 'CAPACITANCE', '1.8E-11'],
        ['Frequency Stability', '±20ppm', 'TEXT', null]
      ]
    },
    {
      value: '32.768kHz',
      description: 'CRYSTAL 32.7680KHZ 12.5PF SMD',
      package: '3.2x1.5mm',
      footprints: ['XTAL_3215_2PIN'],
      symbol: 'XTAL_2PIN',
      choices: [
        ['Epson', 'FC-135 32.7680KA-A3'],
        ['Abracon LLC', 'ABS07-32.768KHZ-T']
      ],
      parameters: [['Frequency', '32.768kHz', 'FREQUENCY', '3.2768E+4']]
    }
  ],
  (part, rng) => (rng.chance(0.5) ? '=Value' : part.value)
)

export const PART_FAMILIES: readonly PartFamily[] = [
  resistor,
  capacitor,
  inductor,
  diode,
  transistor,
  microcontroller,
  regulator,
  amplifier,
  connector,
  switchFamily,
  crystal
]

const MANUFACTURER_SITES: Record<string, string> = {
  Yageo: 'www.yageo.com',
  Vishay: 'www.vishay.com',
  'Vishay Siliconix': 'www.vishay.com',
  Panasonic: 'industrial.panasonic.com',
  'Murata Electronics': 'www.murata.com',
  'TDK Corporation': 'product.tdk.com',
  'Texas Instruments': 'www.ti.com',
  STMicroelectronics: 'www.st.com',
  'Microchip Technology': 'ww1.microchip.com',
  'Würth Elektronik': 'www.we-online.com',
  Nexperia: 'assets.nexperia.com',
  onsemi: 'www.onsemi.com'
}

/** A plausible datasheet URL for a part choice. */
export function datasheetUrl(companyName: string, partNumber: string): string {
  const host = MANUFACTURER_SITES[companyName] ?? 'datasheets.example.com'
  const slug = partNumber.replace(/[^A-Za-z0-9.-]+/g, '_')
  return `https://${host}/docs/datasheets/${encodeURIComponent(slug)}.pdf`
}
